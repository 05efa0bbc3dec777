"""The Azure demo estate through the risk layer: collected by the real azure-mgmt clients
from the local ARM server (NICs, public IPs, VM and app identities, outbound addresses,
container access levels), built into the graph and walked by the path rules in OPA.
Each planted path is found and certain; each twin is on no path. A listing the graph
needs that failed is a coverage entry (or an unknown field), and the edge it would have
decided is unknown: the path is "possible", never dropped."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import pytest

from cspm_opa import LocalOpa, evaluate, snapshot_from_dict
from cspm_opa.collect import CollectRequest, collect
from cspm_opa.localclouds.azure_cloud import AzureCloudServer
from cspm_opa.localclouds.azure_estate import DEV, OWNER, PLANTED_PATHS, seed
from cspm_opa.localclouds.azure_rest import guid
from cspm_opa.localclouds.azure_rest_ops import OpsWriter
from cspm_opa.risk import RiskAssessment, assess_risk
from tests.azure.conftest import Collect

SMALL = "5b1c3e2a-0000-4000-8000-00000000b002"


@pytest.fixture(scope="module")
def scanned(engine: LocalOpa) -> Iterator[tuple[list[dict[str, Any]], RiskAssessment]]:
    with AzureCloudServer() as server, pytest.MonkeyPatch.context() as mp:
        seed(server.cloud)
        mp.setenv("REQUESTS_CA_BUNDLE", str(server.ca_path))
        docs = collect(
            CollectRequest(provider="azure", endpoint=server.url, credential=server.credential())
        )
        snapshots = [snapshot_from_dict(d) for d in docs]
        yield docs, assess_risk(snapshots, evaluate(snapshots, engine), engine)


def _ids(path: Mapping[str, Any]) -> list[str]:
    return [s["resource"]["id"] for s in path["steps"]] + [path["target"]["resource"]["id"]]


def _dev(docs: list[dict[str, Any]], rtype: str) -> dict[str, dict[str, Any]]:
    dev = next(d for d in docs if d["account"]["id"] == DEV)
    return {r["name"]: r for r in dev["resources"].get(rtype, {}).values()}


@pytest.mark.parametrize("rule", sorted(PLANTED_PATHS))
def test_planted_path_is_certain_and_its_twin_on_no_path(
    scanned: tuple[list[dict[str, Any]], RiskAssessment], rule: str
) -> None:
    _, risk = scanned
    on_path, target, twin = PLANTED_PATHS[rule]
    found = [p for p in risk.paths if p["rule"] == rule and on_path in _ids(p)]
    assert [p["target"]["resource"]["id"] for p in found] == [target]
    assert found[0]["confidence"] == "certain"
    assert "unknown_edges" not in found[0]
    assert found[0]["accounts"] == [DEV]
    assert [p["rule"] for p in risk.paths if twin in _ids(p)] == []


def test_vm_path_goes_through_its_public_ip_nsg_and_identity(
    scanned: tuple[list[dict[str, Any]], RiskAssessment],
) -> None:
    _, risk = scanned
    vm = PLANTED_PATHS["PATH-AZ-002"][0]
    (path,) = [p for p in risk.paths if p["rule"] == "PATH-AZ-002" and vm in _ids(p)]
    types = [s["resource"]["type"] for s in path["steps"]]
    assert types == [
        "azurerm_public_ip",
        "azurerm_network_security_group",
        "azurerm_network_interface",
        "azurerm_virtual_machine",
    ]
    assert path["steps"][0]["why"] == "public IP 20.120.5.10"
    assert "22" in path["steps"][2]["why"]
    assert path["target"]["why"] == "Owner role assignment"
    assert path["target"]["resource"]["type"] == "azurerm_managed_identity"


def test_app_path_names_the_firewall_rule(
    scanned: tuple[list[dict[str, Any]], RiskAssessment],
) -> None:
    _, risk = scanned
    app = PLANTED_PATHS["PATH-AZ-001"][0]
    (path,) = [p for p in risk.paths if p["rule"] == "PATH-AZ-001" and app in _ids(p)]
    assert "firewall rule any admits every address" in path["target"]["why"]
    assert path["findings"]  # the SQL server's FAILs ride on the path


def test_storage_path_names_the_public_containers(
    scanned: tuple[list[dict[str, Any]], RiskAssessment],
) -> None:
    _, risk = scanned
    account = PLANTED_PATHS["PATH-AZ-003"][1]
    (path,) = [p for p in risk.paths if p["rule"] == "PATH-AZ-003" and account in _ids(p)]
    assert "exports, public-reports" in path["target"]["why"]
    assert "CONFIDENTIAL data (DataClassification=Confidential)" in path["target"]["why"]


def test_what_the_graph_needs_is_collected(
    scanned: tuple[list[dict[str, Any]], RiskAssessment],
) -> None:
    docs, _ = scanned
    nics = _dev(docs, "azurerm_network_interface")
    ips = _dev(docs, "azurerm_public_ip")
    vms = _dev(docs, "azurerm_virtual_machine")
    jump = nics["vm-dev-jump-nic"]["config"]
    assert jump["virtual_machine_id"] == vms["vm-dev-jump"]["id"]
    assert jump["public_ip_address_ids"] == [ips["vm-dev-jump-nic-pip"]["id"]]
    assert jump["network_security_group_id"].endswith("/nsg-dev-jump")
    assert jump["subnet_id"].endswith("/virtualNetworks/vnet/subnets/default")
    assert nics["vm-dev-app-nic"]["config"]["public_ip_address_ids"] == []
    pip = ips["vm-dev-jump-nic-pip"]["config"]
    assert pip == {
        "ip_address": "20.120.5.10",
        "sku": "Standard",
        "allocation_method": "Static",
        "ip_configuration_id": f"{nics['vm-dev-jump-nic']['id']}/ipConfigurations/ipconfig1",
    }
    assert vms["vm-dev-jump"]["config"]["identity"] == {
        "type": "SystemAssigned",
        "principal_id": guid("vm-dev-jump", "identity"),
    }
    assert vms["vm-dev-jump"]["config"]["network_interface_ids"] == [nics["vm-dev-jump-nic"]["id"]]
    assert vms["vm-dev-legacy"]["config"]["identity"] is None
    app = _dev(docs, "azurerm_app_service")["app-dev-good"]["config"]
    assert app["outbound_ip_addresses"] == ["20.49.104.10", "20.49.104.11", "20.49.104.12"]
    assert app["identity"]["type"] == "SystemAssigned"
    accounts = _dev(docs, "azurerm_storage_account")
    # "exports" is on the second page of stdevbad's container listing
    assert accounts["stdevbad"]["config"]["public_containers"] == ["exports", "public-reports"]
    assert accounts["stdevshare"]["config"]["public_containers"] == []
    assert accounts["stdevfiles"]["config"]["public_containers"] == []  # no blob service


def _small(server: AzureCloudServer) -> OpsWriter:
    """One subscription with a VM on a path, a public confidential account beside it."""
    payload = {
        "id": f"/subscriptions/{SMALL}",
        "subscriptionId": SMALL,
        "tenantId": "0f0e0d0c-0000-4000-8000-000000000001",
        "displayName": "small",
        "state": "Enabled",
    }
    server.cloud.put_list("/subscriptions", [payload])
    server.cloud.put(payload["id"], payload)
    s = OpsWriter(server.cloud, SMALL, {})
    nsg = s.nsg("nsg-ssh", [("ssh", "Tcp", "*", "22")])
    principal = guid("small", "vm")
    s.vm("vm-1", identity=principal, public_address="20.1.2.3", nsg=nsg)
    s.role_assignment(OWNER, principal, principal_type="ServicePrincipal")
    s.storage_account(
        "stpublic",
        containers={"site": "Blob"},
        account={
            "tags": {"DataClassification": "PII"},
            "properties": {
                "allowBlobPublicAccess": True,
                "publicNetworkAccess": "Enabled",
                "networkAcls": {"defaultAction": "Allow"},
            },
        },
    )
    return s


def _risk(docs: list[dict[str, Any]], engine: LocalOpa) -> RiskAssessment:
    snapshots = [snapshot_from_dict(d) for d in docs]
    return assess_risk(snapshots, evaluate(snapshots, engine), engine)


def test_small_estate_paths_are_certain_when_everything_is_read(
    azure_server: AzureCloudServer, run_collect: Collect, engine: LocalOpa
) -> None:
    _small(azure_server)
    (doc,) = run_collect(azure_server)
    assert doc["coverage"] == []
    risk = _risk([doc], engine)
    assert sorted((p["rule"], p["confidence"]) for p in risk.paths) == [
        ("PATH-AZ-002", "certain"),
        ("PATH-AZ-003", "certain"),
    ]


def test_a_forbidden_nic_listing_is_a_gap_and_the_vm_exposure_unknown(
    azure_server: AzureCloudServer, run_collect: Collect, engine: LocalOpa
) -> None:
    s = _small(azure_server)
    azure_server.cloud.fail(f"{s.sub}/providers/Microsoft.Network/networkInterfaces", 403)
    (doc,) = run_collect(azure_server)
    (gap,) = doc["coverage"]
    assert (gap["service"], gap["status"]) == ("network", "denied")
    assert gap["resource_types"] == ["azurerm_network_interface"]
    assert "azurerm_network_interface" not in doc["resources"]
    assert len(doc["resources"]["azurerm_public_ip"]) == 1  # the next listing still ran
    graph = _risk([doc], engine).graph
    key = next(k for k, n in graph["nodes"].items() if n["ref"]["name"] == "vm-1")
    assert graph["nodes"][key]["exposure"]["level"] == "unknown"
    (edge,) = [e for e in graph["edges"]["internet"] if e["to"] == key]
    assert (edge["state"], edge["why"]) == ("unknown", "network interfaces not collected")
    # the identity side was read: the VM still leads to its Owner identity
    assert [e["state"] for e in graph["edges"][key] if e["kind"] == "identity"] == ["known"]


def test_a_forbidden_public_ip_listing_leaves_the_vm_exposure_unknown(
    azure_server: AzureCloudServer, run_collect: Collect, engine: LocalOpa
) -> None:
    s = _small(azure_server)
    azure_server.cloud.fail(f"{s.sub}/providers/Microsoft.Network/publicIPAddresses", 403)
    (doc,) = run_collect(azure_server)
    assert [g["resource_types"] for g in doc["coverage"]] == [["azurerm_public_ip"]]
    graph = _risk([doc], engine).graph
    vm = next(n for n in graph["nodes"].values() if n["ref"]["name"] == "vm-1")
    assert vm["exposure"]["level"] == "unknown"
    nic = next(k for k, n in graph["nodes"].items() if n["ref"]["name"] == "vm-1-nic")
    (edge,) = [e for e in graph["edges"]["internet"] if e["to"] == nic]
    assert (edge["state"], edge["why"]) == ("unknown", "public IP not collected")


def test_a_forbidden_container_listing_is_unknown_for_that_account(
    azure_server: AzureCloudServer, run_collect: Collect, engine: LocalOpa
) -> None:
    s = _small(azure_server)
    account = s.rid("data", "Microsoft.Storage/storageAccounts", "stpublic")
    azure_server.cloud.fail(f"{account}/blobServices/default/containers", 403)
    (doc,) = run_collect(azure_server)
    assert doc["coverage"] == []
    stored = doc["resources"]["azurerm_storage_account"][account]
    assert stored["unknown"] == ["public_containers"]
    assert stored["config"]["public_containers"] is None
    assert stored["config"]["blob_properties"] is not None
    risk = _risk([doc], engine)
    (path,) = [p for p in risk.paths if p["rule"] == "PATH-AZ-003"]
    assert path["confidence"] == "possible"
    assert [e["why"] for e in path["unknown_edges"]] == ["exposure not collected"]


def test_containers_are_listed_through_the_plain_list_and_nothing_else(
    azure_server: AzureCloudServer, run_collect: Collect
) -> None:
    s = _small(azure_server)
    run_collect(azure_server)
    account = s.rid("data", "Microsoft.Storage/storageAccounts", "stpublic").lower()
    touched = {r.path for r in azure_server.cloud.requests if r.path.startswith(account)}
    assert touched == {
        f"{account}/blobservices/default",
        f"{account}/blobservices/default/containers",
        f"{account}/fileservices/default",
    }
    assert {r.method for r in azure_server.cloud.requests if r.path.startswith(account)} == {"GET"}
