"""Joins in the Azure snapshot never drop data, through the real collector and OPA.

The activity log's diagnostic setting names the storage account holding the exported
logs (CIS Azure 7.1.1.3 asks about its encryption): an account the snapshot does not
hold makes the check UNKNOWN, where it used to be left out. A resource's own diagnostic
settings that could not be read make its logging check UNKNOWN, never PASS.
"""

from __future__ import annotations

from typing import Any

from cspm_opa import LocalOpa, Status, evaluate, snapshot_from_dict
from cspm_opa.localclouds.azure_cloud import AzureCloudServer
from cspm_opa.localclouds.azure_rest_ops import OpsWriter
from tests.azure.conftest import Collect

SUB = "5b1c3e2a-0000-4000-8000-00000000a001"
ELSEWHERE = (
    "/subscriptions/5b1c3e2a-0000-4000-8000-00000000ffff/resourceGroups/archive"
    "/providers/Microsoft.Storage/storageAccounts/starchive"
)
STORAGE_CMK = "AZURE-MONITOR-002"  # CIS Azure 7.1.1.3
VAULT_LOGGING = "AZURE-KEYVAULT-010"
SETTING = "azurerm_monitor_diagnostic_setting"


def _writer(server: AzureCloudServer) -> OpsWriter:
    payload = {
        "id": f"/subscriptions/{SUB}",
        "subscriptionId": SUB,
        "tenantId": "0f0e0d0c-0000-4000-8000-000000000001",
        "displayName": "orphans",
        "state": "Enabled",
    }
    server.cloud.put_list("/subscriptions", [payload])
    server.cloud.put(payload["id"], payload)
    return OpsWriter(server.cloud, SUB, {})


def _scan(
    server: AzureCloudServer, run_collect: Collect, engine: LocalOpa
) -> tuple[dict[str, Any], dict[tuple[str, str], Status]]:
    (doc,) = run_collect(server)
    findings = evaluate([snapshot_from_dict(doc)], engine)
    return doc, {(f.policy_id, f.resource.id): f.status for f in findings}


def test_activity_logs_exported_to_a_storage_account_elsewhere_are_unknown(
    azure_server: AzureCloudServer, run_collect: Collect, engine: LocalOpa
) -> None:
    w = _writer(azure_server)
    elsewhere = w.activity_log_export("to-archive", ["Administrative"], ELSEWHERE)
    platform_keys = {"properties": {"encryption": {"keySource": "Microsoft.Storage"}}}
    local_account = w.storage_account("stlocal", rg="ops", account=platform_keys)
    local = w.activity_log_export("to-local", ["Security"], local_account)
    doc, verdicts = _scan(azure_server, run_collect, engine)
    settings = {k.lower(): v for k, v in doc["resources"][SETTING].items()}
    assert settings[elsewhere.lower()]["unknown"] == ["storage_account_id"]
    assert "unknown" not in settings[local.lower()]
    by_id = {rid.lower(): status for (pid, rid), status in verdicts.items() if pid == STORAGE_CMK}
    # Before, the setting to another subscription's account had no result at all.
    assert by_id[elsewhere.lower()] is Status.UNKNOWN
    assert by_id[local.lower()] is Status.FAIL  # the local account uses platform keys


def test_a_vault_whose_diagnostic_settings_cannot_be_read_is_unknown(
    azure_server: AzureCloudServer, run_collect: Collect, engine: LocalOpa
) -> None:
    w = _writer(azure_server)
    hidden = w.key_vault("kv-hidden", logged=True)
    unlogged = w.key_vault("kv-unlogged", logged=False)
    azure_server.cloud.fail(f"{hidden}/providers/Microsoft.Insights/diagnosticSettings", 403)
    doc, verdicts = _scan(azure_server, run_collect, engine)
    vaults = {k.lower(): v for k, v in doc["resources"]["azurerm_key_vault"].items()}
    assert vaults[hidden.lower()]["unknown"] == ["diagnostic_settings"]
    by_id = {rid.lower(): status for (pid, rid), status in verdicts.items() if pid == VAULT_LOGGING}
    assert by_id[hidden.lower()] is Status.UNKNOWN
    assert by_id[unlogged.lower()] is Status.FAIL
