"""AZURE-STORAGE-003 and AZURE-STORAGE-001: a storage account's anonymous blob access off
(``allowBlobPublicAccess: false``) and secure transfer required
(``supportsHttpsTrafficOnly: true``), each one StorageAccounts_Update (PATCH of the
account with only that property) through azure-mgmt-storage."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cspm_opa.remediate._model import Action, Options, Step

PROVIDER = "azure"
SETTINGS = {
    "AZURE-STORAGE-003": ("allowBlobPublicAccess", False),
    "AZURE-STORAGE-001": ("supportsHttpsTrafficOnly", True),
}
POLICIES = frozenset(SETTINGS)
ACTION = "Microsoft.Storage:StorageAccounts_Update"


def _parts(resource_id: str) -> tuple[str, str, str]:
    """(subscription, resource group, account name) of a storage account id."""
    parts = resource_id.strip("/").split("/")
    lower = [p.lower() for p in parts]
    try:
        sub = parts[lower.index("subscriptions") + 1]
        group = parts[lower.index("resourcegroups") + 1]
        name = parts[lower.index("storageaccounts") + 1]
    except (ValueError, IndexError):
        raise ValueError(f"not a storage account id: {resource_id}") from None
    return sub, group, name


def plan(finding: Mapping[str, Any], conn: Any, options: Options) -> list[Step]:
    resource = finding["resource"]
    sub, group, name = _parts(str(resource["id"]))
    prop, value = SETTINGS[finding["policy_id"]]
    params = {
        "subscriptionId": sub,
        "resourceGroupName": group,
        "accountName": name,
        "body": {"properties": {prop: value}},
    }
    return [Step(ACTION, str(resource.get("region") or ""), params)]


def read(action: Action, conn: Any) -> Any:
    p = action.params
    client = conn.storage(p["subscriptionId"])
    account = client.storage_accounts.get_properties(p["resourceGroupName"], p["accountName"])
    from cspm_opa.collect.azure._session import to_rest

    props = to_rest(account).get("properties") or {}
    return {k: props.get(k) for k in ("allowBlobPublicAccess", "supportsHttpsTrafficOnly")}


def perform(action: Action, conn: Any) -> None:
    p = action.params
    client = conn.storage(p["subscriptionId"])
    client.storage_accounts.update(p["resourceGroupName"], p["accountName"], p["body"])


def fixed(action: Action, state: Any) -> bool:
    prop, value = SETTINGS[action.policy_id]
    return bool(state.get(prop) == value)
