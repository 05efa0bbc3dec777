"""PathTester: the built-in attack-path rules over snapshots made with the builders, through
the real graph builder and OPA, and the tester's own asserts."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from cspm_opa import LocalOpa
from cspm_opa.testing import builders as b
from cspm_opa.testing import gcp_builders as g
from cspm_opa.testing.builders import WORLD_IPV4
from cspm_opa.testing.path_tester import PathError, PathTester

A = "111122223333"
B = "444455556666"
ADMIN_ARN = "arn:aws:iam::aws:policy/AdministratorAccess"


@pytest.fixture(scope="module")
def tester(engine: LocalOpa) -> Iterator[PathTester]:
    with PathTester(engine=engine) as t:
        yield t


def _id(doc: dict[str, Any]) -> str:
    return str(doc["config"][{"aws_subnet": "subnet_id"}.get(doc["type"], "group_id")])


def exposed_instance(
    account: str = A, *, tokens: str = "optional", acl: bool = True, role_name: str = "web"
) -> list[dict[str, Any]]:
    """A public subnet (route table 0.0.0.0/0 -> igw, an ACL admitting SSH) with an
    instance holding a public IP, SSH open to the world, and the instance profile of
    ``role_name``, an administrator unless the caller adds its own role."""
    net = b.subnet("public-a", account, config={"map_public_ip_on_launch": True})
    igw = b.internet_gateway("main", account)
    igw_id = igw["config"]["internet_gateway_id"]
    table = b.route_table(
        "public",
        account,
        config={
            "subnet_ids": [_id(net)],
            "routes": [
                b.route("10.0.0.0/16", "local", "local"),
                b.route(WORLD_IPV4, "gateway", igw_id),
            ],
        },
    )
    nacl = b.network_acl(
        "public",
        account,
        config={"subnet_ids": [_id(net)], "entries": [
            {"rule_number": 100, "egress": False, "protocol": "6", "rule_action": "allow",
             "cidr_block": WORLD_IPV4, "ipv6_cidr_block": None, "from_port": 22, "to_port": 22},
            {"rule_number": 32767, "egress": False, "protocol": "-1", "rule_action": "deny",
             "cidr_block": WORLD_IPV4, "ipv6_cidr_block": None, "from_port": None,
             "to_port": None},
        ]},
    )  # fmt: skip
    sg = b.security_group(
        "ssh", account, config={"ingress": [b.sg_rule("tcp", 22, 22, ipv4=[WORLD_IPV4])]}
    )
    profile = f"arn:aws:iam::{account}:instance-profile/{role_name}"
    vm = b.instance(
        "web-1",
        account,
        config={
            "subnet_id": _id(net),
            "security_group_ids": [_id(sg)],
            "public_ip_address": "203.0.113.10",
            "iam_instance_profile_arn": profile,
            "metadata_options": {"http_tokens": tokens},
        },
    )
    out = [net, igw, table, sg, vm]
    return [*out, nacl] if acl else out


def admin_role(account: str = A, name: str = "web") -> dict[str, Any]:
    return b.iam_role(name, account, config={"attached_policy_arns": [ADMIN_ARN]})


# --- PATH-AWS-001 ---------------------------------------------------------------------------


def test_ssh_imdsv1_instance_to_admin_is_certain(tester: PathTester) -> None:
    role = admin_role()
    path = tester.assert_path(
        "PATH-AWS-001", [*exposed_instance(), role], target=role["id"], confidence="certain"
    )
    kinds = [s["resource"]["type"] for s in path["steps"]]
    assert kinds == [
        "aws_internet_gateway",
        "aws_route_table",
        "aws_subnet",
        "aws_network_acl",
        "aws_security_group",
        "aws_instance",
    ]
    assert "[22]" in path["steps"][-1]["why"]
    assert path["target"]["why"] == f"administrator through {ADMIN_ARN}"
    assert path["risk"] == "CRITICAL" and path["remediate_within"] == "P1D"
    assert path["accounts"] == [A]
    assert "unknown_edges" not in path
    # the checks ran too: the instance's IMDSv1 and SSH findings are on the path
    assert path["findings"], "a path through failing resources lists their findings"


def test_imdsv2_instance_has_no_path(tester: PathTester) -> None:
    tester.assert_no_path("PATH-AWS-001", [*exposed_instance(tokens="required"), admin_role()])


def test_without_network_acls_the_exposure_is_unknown(tester: PathTester) -> None:
    estate = [*exposed_instance(acl=False), admin_role()]
    tester.assert_no_path("PATH-AWS-001", estate, confidence="certain")
    graph = tester.assess(estate, findings=False).graph
    [vm] = [n for n in graph["nodes"].values() if n["ref"]["type"] == "aws_instance"]
    assert vm["exposure"]["level"] == "unknown"
    edges = [e for e in graph["edges"]["internet"] if e["to"].endswith(vm["ref"]["id"])]
    assert [e["state"] for e in edges] == ["unknown"]


def test_limited_role_has_no_path(tester: PathTester) -> None:
    limited = b.iam_role("web", A, config={"attached_policy_arns": []})
    tester.assert_no_path("PATH-AWS-001", [*exposed_instance(), limited])


# --- PATH-AWS-002 ---------------------------------------------------------------------------


def public_bucket(**tags: str) -> dict[str, Any]:
    return b.s3_bucket(
        "customers",
        A,
        tags=tags,
        config={
            "public_access_block": {
                "block_public_acls": False,
                "ignore_public_acls": False,
                "block_public_policy": False,
                "restrict_public_buckets": False,
            },
            "acl_grants": [
                {
                    "grantee_uri": "http://acs.amazonaws.com/groups/global/AllUsers",
                    "permission": "READ",
                }
            ],
        },
    )


def test_public_pii_bucket(tester: PathTester) -> None:
    bucket = public_bucket(DataClassification="PII")
    path = tester.assert_path("PATH-AWS-002", [bucket], target="customers", confidence="certain")
    assert path["steps"] == []
    assert path["target"]["resource"]["id"] == "arn:aws:s3:::customers"
    assert "AllUsers granted READ" in path["target"]["why"]
    assert "PII data" in path["target"]["why"]


def test_public_bucket_without_classification_has_no_path(tester: PathTester) -> None:
    tester.assert_no_path("PATH-AWS-002", [public_bucket()])


def test_classification_by_scope_makes_a_public_bucket_sensitive(tester: PathTester) -> None:
    tester.assert_path("PATH-AWS-002", [public_bucket()], classification={A: "pci"})


# --- PATH-AWS-004 ---------------------------------------------------------------------------

TARGET_ARN = f"arn:aws:iam::{B}:role/admin"


def account_a() -> list[dict[str, Any]]:
    """The exposed instance of account A; its role may assume B's admin role."""
    policy = b.iam_policy(
        "assume-admin",
        A,
        attached_roles=["web"],
        config={
            "document": {
                "Version": "2012-10-17",
                "Statement": [
                    {"Effect": "Allow", "Action": ["sts:AssumeRole"], "Resource": [TARGET_ARN]}
                ],
            }
        },
    )
    role = b.iam_role("web", A, config={"attached_policy_arns": [policy["id"]]})
    return [*exposed_instance(A), role, policy]


def account_b(trusted: str = A) -> list[dict[str, Any]]:
    trust = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"AWS": f"arn:aws:iam::{trusted}:root"},
                "Action": ["sts:AssumeRole"],
            }
        ],
    }
    return [
        b.iam_role(
            "admin",
            B,
            config={
                "assume_role_policy": trust,
                "attached_policy_arns": [ADMIN_ARN],
                "instance_profile_arns": [],
            },
        )
    ]


def test_cross_account_admin(tester: PathTester) -> None:
    path = tester.assert_path(
        "PATH-AWS-004",
        b.snapshot(A, account_a()),
        b.snapshot(B, account_b()),
        target=TARGET_ARN,
        through=[f"arn:aws:iam::{A}:role/web"],
        confidence="certain",
    )
    assert path["accounts"] == [A, B]
    assert path["target"]["why"].startswith(f"administrator of account {B}")
    assert path["steps"][-1]["resource"]["id"] == f"arn:aws:iam::{A}:role/web"
    assert "instance profile" in path["steps"][-1]["why"]
    assert path["steps"][-2]["resource"]["type"] == "aws_instance"


def test_cross_account_untrusted_has_no_path(tester: PathTester) -> None:
    tester.assert_no_path(
        "PATH-AWS-004", b.snapshot(A, account_a()), b.snapshot(B, account_b(trusted="999999999999"))
    )


def test_cross_account_unscanned_is_possible(tester: PathTester) -> None:
    path = tester.assert_path("PATH-AWS-004", account_a(), target=TARGET_ARN, confidence="possible")
    unknown = path["unknown_edges"]
    assert {u["to"]["id"] for u in unknown} == {TARGET_ARN}
    assert any("not scanned" in u["why"] for u in unknown)
    assert path["target"]["resource"]["account"] == B


# --- GCP ------------------------------------------------------------------------------------

SA = "web@acme-prod-gcp.iam.gserviceaccount.com"


def gcp_estate(scopes: list[str]) -> dict[str, Any]:
    project = g.project()
    bindings = [*project["config"]["iam_bindings"]]
    bindings.append({"role": "roles/owner", "members": [f"serviceAccount:{SA}"], "condition": None})
    nic = {
        "network": "projects/acme-prod-gcp/global/networks/prod-vpc",
        "subnetwork": "projects/acme-prod-gcp/regions/us-central1/subnetworks/app",
        "external_ipv4": True,
        "external_ipv6": False,
    }
    return g.snapshot(
        "acme-prod-gcp",
        [
            g.project(config={"iam_bindings": bindings}),
            g.service_account("web"),
            g.compute_firewall(
                "allow-ssh", config={"allowed": [{"protocol": "tcp", "ports": ["22"]}]}
            ),
            g.compute_instance(
                "web",
                config={
                    "network_interfaces": [nic],
                    "service_accounts": [{"email": SA, "scopes": scopes}],
                },
            ),
        ],
    )


def test_gcp_instance_runs_as_owner(tester: PathTester) -> None:
    path = tester.assert_path(
        "PATH-GCP-001",
        gcp_estate(["https://www.googleapis.com/auth/cloud-platform"]),
        target=SA,
        confidence="certain",
    )
    assert [s["resource"]["type"] for s in path["steps"]] == [
        "google_compute_firewall",
        "google_compute_instance",
    ]
    assert path["target"]["why"] == "roles/owner granted"


def test_gcp_limited_scopes_have_no_path(tester: PathTester) -> None:
    scopes = ["https://www.googleapis.com/auth/devstorage.read_only"]
    tester.assert_no_path("PATH-GCP-001", gcp_estate(scopes))


# --- the tester itself ----------------------------------------------------------------------


def test_assert_path_explains_what_it_found(tester: PathTester) -> None:
    estate = [*exposed_instance(), admin_role()]
    with pytest.raises(PathError, match=r"no path to nothing-here; found certain internet ->"):
        tester.assert_path("PATH-AWS-001", estate, target="nothing-here")
    with pytest.raises(PathError, match="is certain, expected possible"):
        tester.assert_path("PATH-AWS-001", estate, confidence="possible")
    with pytest.raises(PathError, match="expected no path, found certain"):
        tester.assert_no_path("PATH-AWS-001", estate)


def test_unknown_rule_and_confidence_are_errors(tester: PathTester) -> None:
    with pytest.raises(KeyError, match="PATH-AWS-001"):
        tester.paths("PATH-NOPE-1", [b.s3_bucket()])
    with pytest.raises(ValueError, match="confidence"):
        tester.assert_no_path("PATH-AWS-002", [b.s3_bucket()], confidence="sure")
    with pytest.raises(ValueError, match="at least one"):
        tester.assess()


def test_invalid_resource_is_an_error_not_a_silent_no_path(tester: PathTester) -> None:
    from cspm_opa.errors import SnapshotError

    broken = b.instance(config={"metadata_options": "optional"})
    with pytest.raises(SnapshotError):
        tester.assert_no_path("PATH-AWS-001", [broken])
