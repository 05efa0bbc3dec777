"""The GCP demo estate through the risk layer: collected by the real SDK clients from the
fake Cloud Asset API, built into the graph and walked by the path rules in OPA. Each
planted path is found and certain; each twin is on no path. A firewall listing that
failed leaves an instance's exposure unknown, never "not reachable"."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from cspm_opa import LocalOpa, evaluate, snapshot_from_dict
from cspm_opa.collect import collect
from cspm_opa.localclouds.gcp_demo import GcpDemoCloud
from cspm_opa.localclouds.gcp_seed import PROD
from cspm_opa.risk import RiskAssessment, assess_risk, build_graph
from cspm_opa.testing import gcp_assets as a
from tests.gcp.conftest import PROJECT, Harness

INSTANCES = f"//compute.googleapis.com/projects/{PROD.project_id}/zones/us-central1-a/instances"
BUCKETS = "//storage.googleapis.com"


@pytest.fixture(scope="module")
def risk(demo_cloud: GcpDemoCloud, engine: LocalOpa) -> RiskAssessment:
    snapshots = [snapshot_from_dict(d) for d in collect(demo_cloud.collect_request())]
    return assess_risk(snapshots, evaluate(snapshots, engine), engine)


def _ids(path: Mapping[str, Any]) -> list[str]:
    return [s["resource"]["id"] for s in path["steps"]] + [path["target"]["resource"]["id"]]


def _with(risk: RiskAssessment, rule: str, resource_id: str) -> list[dict[str, Any]]:
    return [p for p in risk.paths if p["rule"] == rule and resource_id in _ids(p)]


def test_instance_running_as_an_editor_is_a_certain_path(risk: RiskAssessment) -> None:
    (path,) = _with(risk, "PATH-GCP-001", f"{INSTANCES}/bastion-1")
    assert path["confidence"] == "certain"
    assert "unknown_edges" not in path
    ids = _ids(path)
    assert ids.index(f"{INSTANCES}/bastion-1") < len(ids) - 1
    assert (
        path["target"]["resource"]["name"] == f"bastion@{PROD.project_id}.iam.gserviceaccount.com"
    )
    assert path["target"]["why"] == "roles/editor granted"
    rules = {
        s["resource"]["name"]: s["why"]
        for s in path["steps"]
        if s["resource"]["type"] == "google_compute_firewall"
    }
    assert "22" in rules["allow-ssh-bastion"]


def test_twin_with_limited_scopes_is_on_no_path(risk: RiskAssessment) -> None:
    twin = f"{INSTANCES}/bastion-2"
    assert [p["rule"] for p in risk.paths if twin in _ids(p)] == []
    node = next(n for n in risk.graph["nodes"].values() if n["ref"]["id"] == twin)
    assert node["exposure"]["level"] == "internet"  # same tag, same rule, same address
    assert node["attributes"]["full_scopes"] is False


def test_untagged_instance_is_not_reached_by_a_tagged_rule(risk: RiskAssessment) -> None:
    node = next(n for n in risk.graph["nodes"].values() if n["ref"]["id"] == f"{INSTANCES}/web-1")
    rules = {e.get("rule") for e in node["exposure"]["evidence"]}
    assert "allow-ssh-bastion" not in rules


def test_public_confidential_bucket_is_a_certain_path(risk: RiskAssessment) -> None:
    public = f"{BUCKETS}/acme-prod-public-assets"
    (path,) = _with(risk, "PATH-GCP-002", public)
    assert path["confidence"] == "certain"
    assert path["target"]["resource"]["id"] == public
    assert "allUsers" in path["target"]["why"]
    assert "CONFIDENTIAL" in path["target"]["why"]
    assert path["findings"]  # the bucket's FAIL findings ride on the path


def test_private_twin_bucket_is_on_no_path(risk: RiskAssessment) -> None:
    twin = f"{BUCKETS}/acme-prod-private"
    assert [p for p in risk.paths if twin in _ids(p)] == []
    node = next(n for n in risk.graph["nodes"].values() if n["ref"]["id"] == twin)
    assert node["crown_jewel"] is True  # the same data, just not exposed
    assert node["exposure"]["level"] == "none"


def _exposed_instance_assets() -> list[dict[str, Any]]:
    p = PROJECT
    nic = {
        "network": p.compute_url("global/networks/vpc"),
        "accessConfigs": [{"type": "ONE_TO_ONE_NAT", "natIP": "34.1.2.3"}],
    }
    ssh = {"allowed": [{"IPProtocol": "tcp", "ports": ["22"]}], "targetTags": ["ssh"]}
    return [
        a.instance(p, "tagged", {"tags": {"items": ["ssh"]}, "networkInterfaces": [nic]}),
        a.instance(p, "untagged", {"networkInterfaces": [nic]}),
        a.firewall(p, "ssh-tagged", "vpc", ssh),
    ]


def test_collected_tags_decide_which_instance_a_rule_reaches(harness: Harness) -> None:
    harness.seed(*_exposed_instance_assets())
    (doc,) = harness.collect()
    instances = {d["name"]: d for d in doc["resources"]["google_compute_instance"].values()}
    assert instances["tagged"]["config"]["network_tags"] == ["ssh"]
    assert instances["untagged"]["config"]["network_tags"] == []
    graph = build_graph([snapshot_from_dict(doc)])
    level = {n["ref"]["name"]: n.get("exposure", {}).get("level") for n in graph["nodes"].values()}
    assert level["tagged"] == "internet"
    assert level["untagged"] == "none"


def test_a_denied_firewall_listing_leaves_exposure_unknown(harness: Harness) -> None:
    harness.seed(*_exposed_instance_assets())
    harness.server.fail(403, api="assets", asset_type="compute.googleapis.com/Firewall", times=None)
    (doc,) = harness.collect()
    (gap,) = [g for g in doc["coverage"] if "google_compute_firewall" in g["resource_types"]]
    assert gap["status"] == "denied"
    graph = build_graph([snapshot_from_dict(doc)])
    for name in ("tagged", "untagged"):
        key = next(k for k, n in graph["nodes"].items() if n["ref"]["name"] == name)
        assert graph["nodes"][key]["exposure"]["level"] == "unknown"
        (edge,) = [e for e in graph["edges"]["internet"] if e["to"] == key]
        assert edge["state"] == "unknown"
