"""A static AWS estate of two accounts with good and bad resources mixed, built from
documents (no cloud, no collector): the fixture of the report, export and evaluation
tests. (``cspm-opa demo`` collects its AWS part from moto instead: testing/aws_cloud.py.)

``prod-payments`` (111122223333) and ``dev-sandbox`` (444455556666), each in us-east-1
and eu-west-1, taken at a fixed moment. Each of the first 38 checks of the AWS pack fails
on at least one resource and passes on another somewhere in the estate. Two things
are left uncollected on purpose, so the demo shows UNKNOWN results: the policy of the
``payments-exports`` bucket (``"unknown": ["policy"]``), and the EFS listing of
eu-west-1 in the dev account (a coverage entry). Nothing here is random.
"""

from __future__ import annotations

from typing import Any

from cspm_opa.testing import builders as b

__all__ = ["DEV_ACCOUNT", "PROD_ACCOUNT", "REGIONS", "TAKEN_AT", "sample_estate"]

PROD_ACCOUNT = "111122223333"
DEV_ACCOUNT = "444455556666"
REGIONS = ("us-east-1", "eu-west-1")
TAKEN_AT = b.DEFAULT_TAKEN_AT

US, EU = REGIONS
WORLD_IPV4 = "0.0.0.0/0"
WORLD_IPV6 = "::/0"


def sample_estate() -> list[dict[str, Any]]:
    """One snapshot per account: production first, then development."""
    return [_prod(), _dev()]


def _prod() -> dict[str, Any]:
    a = PROD_ACCOUNT
    resources = [
        # Account level: everything in order except password reuse (remembers 12, not 24).
        b.account(
            a, name="prod-payments", config={"password_policy": {"password_reuse_prevention": 12}}
        ),
        b.region_settings(a, US),
        b.region_settings(
            a,
            EU,
            config={
                "ebs_encryption_by_default": False,
                "config_recorders": [
                    {
                        "name": "default",
                        "recording": True,
                        "all_supported": False,
                        "include_global_resource_types": False,
                        "last_status": "SUCCESS",
                    }
                ],
            },
        ),
        b.support_access_policy(a, role="payments-support"),
        # Trails: the organization-wide trail is complete; a regional one is not.
        b.cloudtrail_trail("payments-trail", a, US),
        b.cloudtrail_trail(
            "eu-audit",
            a,
            EU,
            config={
                "is_multi_region_trail": False,
                "log_file_validation_enabled": False,
                "kms_key_id": None,
                "event_selectors": [
                    {
                        "read_write_type": "All",
                        "include_management_events": True,
                        "data_resources": [],
                    }
                ],
            },
        ),
        # IAM.
        b.iam_user("alice", a),
        b.iam_user(
            "carol",
            a,
            config={
                "mfa_active": False,
                "attached_policy_arns": ["arn:aws:iam::aws:policy/AmazonRDSFullAccess"],
            },
        ),
        b.iam_user(
            "deploy-bot",
            a,
            config={
                "password_enabled": False,
                "password_last_used": None,
                "mfa_active": False,
                "groups": ["deployers"],
                "access_keys": [
                    {
                        "access_key_id": "AKIAPRODDEPLOYBOT001",
                        "status": "Active",
                        "create_date": "2026-05-13T08:00:00Z",
                        "last_used_date": "2026-11-29T06:30:00Z",
                    }
                ],
            },
        ),
        b.iam_policy("payments-app-read", a, attached_roles=["payments-api"]),
        _admin_policy(
            "AdministratorAccess", a, aws_managed=True, roles=["break-glass", "platform-ci"]
        ),
        b.iam_server_certificate("www-2027", a),
        b.iam_server_certificate(
            "legacy-www",
            a,
            config={"upload_date": "2025-09-01T00:00:00Z", "expiration": "2026-09-01T00:00:00Z"},
        ),
        # S3: account-wide Block Public Access covers every bucket here.
        b.s3_bucket("payments-receipts", a, US),
        b.s3_bucket("payments-exports", a, EU, unknown=["policy"], config={"policy": None}),
        # EC2 and VPC in us-east-1.
        b.vpc("payments", a, US),
        b.network_acl("payments-private", a, US),
        b.security_group("default", a, US),
        b.security_group("payments-api", a, US),
        b.security_group(
            "bastion",
            a,
            US,
            config={"ingress": [b.sg_rule("tcp", 22, 22, ipv4=[WORLD_IPV4])]},
        ),
        b.instance("payments-api-1", a, US),
        b.instance(
            "payments-batch-1",
            a,
            US,
            config={"metadata_options": {"http_tokens": "optional"}},
        ),
        b.ebs_volume("payments-api-1-root", a, US),
        # eu-west-1: a VPC without flow logs.
        b.vpc("payments-eu", a, EU, config={"flow_logs": []}),
        # Databases, file systems, keys.
        b.db_instance("payments-db", a, US),
        b.db_instance(
            "reporting-db",
            a,
            EU,
            config={
                "engine": "mysql",
                "engine_version": "8.0.35",
                "auto_minor_version_upgrade": False,
            },
        ),
        b.efs_file_system("payments-shared", a, US),
        b.kms_key("payments-cmk", a, US),
        b.kms_key("payments-legacy", a, EU, config={"rotation_enabled": False}),
        b.kms_key(
            "aws-s3",
            a,
            US,
            config={"key_manager": "AWS", "rotation_enabled": True},
        ),
    ]
    return b.snapshot(
        a,
        resources,
        name="prod-payments",
        labels={"environment": "production", "data": "pci"},
        regions=list(REGIONS),
        taken_at=TAKEN_AT,
    )


def _dev() -> dict[str, Any]:
    a = DEV_ACCOUNT
    open_acl_entries = [
        # What AWS puts in a default network ACL: allow everything, IPv4 and IPv6.
        _acl_entry(100, "allow", cidr=WORLD_IPV4),
        _acl_entry(101, "allow", ipv6_cidr=WORLD_IPV6),
        _acl_entry(32767, "deny", cidr=WORLD_IPV4),
        _acl_entry(32767, "deny", ipv6_cidr=WORLD_IPV6),
        _acl_entry(100, "allow", cidr=WORLD_IPV4, egress=True),
        _acl_entry(32767, "deny", cidr=WORLD_IPV4, egress=True),
    ]
    resources = [
        # Account level: root with a key and no MFA, a weak password policy that does
        # prevent reuse, no account-wide Block Public Access, no support role.
        b.account(
            a,
            name="dev-sandbox",
            config={
                "root_user": {"mfa_active": False, "access_keys_present": 1},
                "password_policy": {"minimum_password_length": 8},
                "s3_public_access_block": None,
            },
        ),
        b.region_settings(a, US, config={"access_analyzers": []}),
        b.region_settings(
            a,
            EU,
            config={"access_analyzers": [], "security_hub_enabled": False, "config_recorders": []},
        ),
        # A single-region trail without S3 data events or KMS.
        b.cloudtrail_trail(
            "dev-trail",
            a,
            US,
            config={
                "is_multi_region_trail": False,
                "kms_key_id": None,
                "event_selectors": [
                    {
                        "read_write_type": "All",
                        "include_management_events": True,
                        "data_resources": [],
                    }
                ],
            },
        ),
        # IAM.
        b.iam_user(
            "dev-alice",
            a,
            config={"password_last_used": "2026-09-30T12:00:00Z"},
        ),
        b.iam_user(
            "ci-runner",
            a,
            config={
                "password_enabled": False,
                "password_last_used": None,
                "mfa_active": False,
                "groups": ["ci"],
                "access_keys": [
                    _key("AKIADEVCIRUNNER00001", "2026-10-20T08:00:00Z", "2026-11-29T07:00:00Z"),
                    _key("AKIADEVCIRUNNER00002", "2026-11-10T08:00:00Z", "2026-11-28T21:00:00Z"),
                ],
            },
        ),
        # An admin policy nobody uses yet: not attached, so it passes.
        _admin_policy("sandbox-admin", a, aws_managed=False, roles=[]),
        # S3: one bucket done right at bucket level, one left wide open.
        b.s3_bucket("dev-artifacts", a, US),
        b.s3_bucket(
            "dev-scratch",
            a,
            US,
            config={"policy": None, "public_access_block": None, "encryption": None},
        ),
        # EC2 and VPC.
        b.vpc(
            "sandbox",
            a,
            US,
            config={
                "flow_logs": [
                    {
                        "flow_log_id": "fl-0dev0sandbox0001",
                        "flow_log_status": "ACTIVE",
                        "traffic_type": "REJECT",
                        "log_destination_type": "s3",
                        "deliver_logs_status": "SUCCESS",
                    }
                ]
            },
        ),
        b.network_acl(
            "sandbox-default", a, US, config={"is_default": True, "entries": open_acl_entries}
        ),
        b.security_group(
            "default",
            a,
            US,
            config={
                "ingress": [b.sg_rule("-1", None, None, groups=["sg-0dev0default0001"])],
                "egress": [b.sg_rule("-1", None, None, ipv4=[WORLD_IPV4])],
            },
        ),
        b.security_group(
            "sandbox-rdp",
            a,
            US,
            config={"ingress": [b.sg_rule("tcp", 3389, 3389, ipv6=[WORLD_IPV6])]},
        ),
        b.security_group(
            "file-share",
            a,
            US,
            config={"ingress": [b.sg_rule("tcp", 445, 445, ipv4=[WORLD_IPV4])]},
        ),
        b.instance("sandbox-1", a, US, config={"iam_instance_profile_arn": None}),
        b.instance(
            "old-build-1",
            a,
            US,
            config={"state": "terminated", "iam_instance_profile_arn": None},
        ),
        b.ebs_volume("sandbox-scratch", a, US, config={"encrypted": False, "kms_key_id": None}),
        # Databases and file systems; eu-west-1 EFS could not be listed (see coverage).
        b.db_instance(
            "dev-db",
            a,
            US,
            config={"storage_encrypted": False, "kms_key_id": None, "publicly_accessible": True},
        ),
        b.efs_file_system("dev-share", a, US, config={"encrypted": False, "kms_key_id": None}),
    ]
    coverage = [
        {
            "service": "efs",
            "region": EU,
            "status": "denied",
            "detail": "AccessDeniedException: elasticfilesystem:DescribeFileSystems",
            "resource_types": ["aws_efs_file_system"],
        }
    ]
    return b.snapshot(
        a,
        resources,
        name="dev-sandbox",
        labels={"environment": "development"},
        regions=list(REGIONS),
        taken_at=TAKEN_AT,
        coverage=coverage,
    )


def _admin_policy(
    name: str, account: str, *, aws_managed: bool, roles: list[str]
) -> dict[str, Any]:
    doc = b.iam_policy(name, account, aws_managed=aws_managed, attached_roles=roles)
    doc["config"]["document"]["Statement"] = [
        {"Effect": "Allow", "Action": ["*"], "Resource": ["*"]}
    ]
    return doc


def _key(key_id: str, created: str, last_used: str) -> dict[str, Any]:
    return {
        "access_key_id": key_id,
        "status": "Active",
        "create_date": created,
        "last_used_date": last_used,
    }


def _acl_entry(
    number: int,
    action: str,
    *,
    cidr: str | None = None,
    ipv6_cidr: str | None = None,
    egress: bool = False,
) -> dict[str, Any]:
    return {
        "rule_number": number,
        "egress": egress,
        "protocol": "-1",
        "rule_action": action,
        "cidr_block": cidr,
        "ipv6_cidr_block": ipv6_cidr,
        "from_port": None,
        "to_port": None,
    }
