"""End to end: the attack paths planted in moto (aws_cloud.PATHS) are found by the real
collector, the real OPA and the risk layer, with confidence certain, and their compliant
twins are on no path. Each path needs data only the network and identity collectors
bring: elastic IPs and network interfaces, route tables, subnets of databases, target
groups, and role trust across the two accounts."""

from __future__ import annotations

import copy
import json
from collections.abc import Sequence
from typing import Any

import boto3
import pytest

from cspm_opa import LocalOpa, snapshot_from_dict
from cspm_opa.collect import CollectRequest
from cspm_opa.collect.aws import collect
from cspm_opa.localclouds.aws_cloud import ACCOUNT, PATHS, SECOND_ACCOUNT, AwsCloud, PathPlant
from cspm_opa.model import Finding
from cspm_opa.risk import RiskAssessment, assess_risk
from tests.aws.conftest import aws_env
from tests.aws.iam_enforcement import iam_enforced


def _assess(docs: Sequence[dict[str, Any]], findings: Sequence[Finding], engine: LocalOpa) -> Any:
    return assess_risk([snapshot_from_dict(d) for d in docs], findings, engine)


@pytest.fixture(scope="module")
def risk(
    estate: list[dict[str, Any]], estate_findings: list[Finding], engine: LocalOpa
) -> RiskAssessment:
    assessed: RiskAssessment = _assess(estate, estate_findings, engine)
    return assessed


def _names(path: dict[str, Any]) -> list[str]:
    return [s["resource"]["name"] for s in path["steps"]] + [path["target"]["resource"]["name"]]


def _found(risk: RiskAssessment, plant: PathPlant) -> list[dict[str, Any]]:
    return [
        p
        for p in risk.paths
        if p["rule"] == plant.rule
        and (p["target"]["resource"]["account"], p["target"]["resource"]["name"]) == plant.target
        and plant.exposed in _names(p)
    ]


@pytest.mark.parametrize("plant", PATHS, ids=lambda p: p.rule)
def test_planted_path_is_found_for_certain(plant: PathPlant, risk: RiskAssessment) -> None:
    found = _found(risk, plant)
    assert len(found) == 1, [(p["rule"], _names(p)) for p in risk.paths]
    assert found[0]["confidence"] == "certain", found[0].get("unknown_edges")
    assert "unknown_edges" not in found[0]


@pytest.mark.parametrize("plant", PATHS, ids=lambda p: p.rule)
def test_compliant_twin_is_on_no_path(plant: PathPlant, risk: RiskAssessment) -> None:
    on = [(p["rule"], _names(p)) for p in risk.paths if plant.twin in _names(p)]
    assert on == []


def _steps(path: dict[str, Any]) -> list[tuple[str, str]]:
    return [(s["resource"]["type"], s["resource"]["name"]) for s in path["steps"]]


def test_the_paths_run_through_what_was_collected(risk: RiskAssessment) -> None:
    by_rule = {p.rule: _found(risk, p)[0] for p in PATHS}
    # an instance: internet gateway, route table, subnet, network ACL, security group
    bastion = _steps(by_rule["PATH-AWS-001"])
    assert [t for t, _ in bastion] == [
        "aws_internet_gateway", "aws_route_table", "aws_subnet", "aws_network_acl",
        "aws_security_group", "aws_instance",
    ]  # fmt: skip
    assert ("aws_route_table", "public-routes") in bastion
    assert ("aws_subnet", "public-a") in bastion
    assert ("aws_security_group", "legacy-ssh") in bastion
    # a database reaches the internet through its DB subnet group's public subnets
    db = _steps(by_rule["PATH-AWS-003"])
    assert ("aws_route_table", "public-routes") in db
    assert ("aws_security_group", "legacy-postgres") in db
    # the cross-account path ends in the other account, through the instance's own role
    cross = by_rule["PATH-AWS-004"]
    assert cross["accounts"] == [ACCOUNT, SECOND_ACCOUNT]
    assert ("aws_iam_role", "legacy-jump") in _steps(cross)


def test_a_public_address_known_only_from_an_eip_or_interface_still_exposes(
    estate: list[dict[str, Any]], estate_findings: list[Finding], engine: LocalOpa
) -> None:
    """Take the instances' own public_ip_address away: the bastion's address is still
    known from its elastic IP, the jump host's from its network interface."""
    docs = copy.deepcopy(estate)
    for instance in docs[0]["resources"]["aws_instance"].values():
        instance["config"]["public_ip_address"] = None
    risk = _assess(docs, estate_findings, engine)
    for plant in PATHS:
        if plant.rule in ("PATH-AWS-001", "PATH-AWS-004"):
            assert len(_found(risk, plant)) == 1, plant
    # and without the interfaces and addresses either, neither instance is exposed
    for kind in ("aws_network_interface", "aws_eip"):
        docs[0]["resources"].pop(kind)
    bare = _assess(docs, estate_findings, engine)
    assert {p["rule"] for p in bare.paths} & {"PATH-AWS-001", "PATH-AWS-004"} == set()


def test_the_load_balancer_forwards_to_its_registered_instance(risk: RiskAssessment) -> None:
    graph = risk.graph
    names = {key: node["ref"]["name"] for key, node in graph["nodes"].items()}
    forwards = {
        (names[a], names[e["to"]], e["state"])
        for a, out in graph["edges"].items()
        for e in out
        if a in names
    }
    # app-alb listens on 443, which its security group opens to the world
    assert ("app-alb", "app", "known") in forwards
    assert ("app", "app-server", "known") in forwards


def test_the_collected_estate_holds_the_new_types(estate: list[dict[str, Any]]) -> None:
    legacy = estate[0]["resources"]
    eips = {e["config"]["public_ip"]: e for e in legacy["aws_eip"].values()}
    instances = {i["name"]: i["config"] for i in legacy["aws_instance"].values()}
    bastion = instances["legacy-bastion"]
    (eip,) = eips.values()
    assert eip["config"]["instance_id"] == bastion["instance_id"]
    assert eip["config"]["public_ip"] == bastion["public_ip_address"]
    interfaces = {
        e["config"]["attachment_instance_id"]: e["config"]
        for e in legacy["aws_network_interface"].values()
    }
    assert interfaces[instances["legacy-jump"]["instance_id"]]["public_ip"]
    assert interfaces[instances["app-bastion"]["instance_id"]]["public_ip"] is None
    dbs = {d["name"]: d["config"] for d in legacy["aws_db_instance"].values()}
    public = {s["name"]: s["config"]["subnet_id"] for s in legacy["aws_subnet"].values()}
    assert dbs["legacy-db"]["subnet_ids"] == sorted([public["public-a"], public["public-b"]])
    # the legacy account has no account-level Block Public Access to stop the ACL grant
    account = legacy["aws_account"][ACCOUNT]["config"]
    assert not any((account.get("s3_public_access_block") or {}).values())


def test_denied_graph_sources_are_coverage_gaps_or_unknown_fields(
    cloud: AwsCloud, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SecurityAudit minus the new sources: the interface and address listings become
    coverage entries, a target group's targets and a cluster's subnets are unknown."""
    denied = [
        "ec2:DescribeNetworkInterfaces", "ec2:DescribeAddresses",
        "elasticloadbalancing:DescribeTargetHealth", "rds:DescribeDBSubnetGroups",
    ]  # fmt: skip
    with aws_env(cloud):
        iam = boto3.client("iam")
        iam.create_user(UserName="graph-blind")
        iam.attach_user_policy(
            UserName="graph-blind", PolicyArn="arn:aws:iam::aws:policy/SecurityAudit"
        )
        iam.put_user_policy(
            UserName="graph-blind",
            PolicyName="deny-graph",
            PolicyDocument=json.dumps(
                {
                    "Version": "2012-10-17",
                    "Statement": [{"Effect": "Deny", "Action": denied, "Resource": "*"}],
                }
            ),
        )
        key = iam.create_access_key(UserName="graph-blind")["AccessKey"]
    creds = {
        "AWS_ACCESS_KEY_ID": key["AccessKeyId"],
        "AWS_SECRET_ACCESS_KEY": key["SecretAccessKey"],
    }
    with aws_env(cloud, **creds), iam_enforced(cloud, monkeypatch) as judgement:
        (doc,) = collect(CollectRequest(provider="aws", regions=("us-east-1",), workers=4))
    assert sorted(set(judgement.denied)) == sorted(denied)
    gaps = {(e["service"], tuple(e["resource_types"]), e["status"]) for e in doc["coverage"]}
    assert gaps == {
        ("ec2", ("aws_network_interface",), "denied"),
        ("ec2", ("aws_eip",), "denied"),
    }
    resources = doc["resources"]
    assert "aws_network_interface" not in resources and "aws_eip" not in resources
    (tg,) = resources["aws_lb_target_group"].values()
    assert tg["unknown"] == ["target_ids", "targets"]
    clusters = resources["aws_rds_cluster"].values()
    assert clusters and all("subnet_ids" in c["unknown"] for c in clusters)
    # instances carry their subnet group whole: those subnets are still known
    dbs = {d["name"]: d for d in resources["aws_db_instance"].values()}
    assert dbs["legacy-db"]["config"]["subnet_ids"] and "unknown" not in dbs["legacy-db"]
