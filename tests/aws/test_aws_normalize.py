"""The AWS normalizers: raw API payloads in, schema-valid resource documents out, with
unknown fields named where a call failed. Pure functions, so no cloud is needed."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from cspm_opa import snapshot_from_dict
from cspm_opa.collect.aws.compute import without_secrets
from cspm_opa.collect.aws.s3 import bucket_region
from cspm_opa.normalize.aws import Facts, Record, build_snapshot
from cspm_opa.normalize.aws.common import iso, policy_document

ACCOUNT = "111122223333"
US = "us-east-1"
REPORT = """\
user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,\
password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated,\
access_key_1_last_used_date,access_key_1_last_used_region,access_key_1_last_used_service,\
access_key_2_active,access_key_2_last_rotated,access_key_2_last_used_date,\
access_key_2_last_used_region,access_key_2_last_used_service,cert_1_active,\
cert_1_last_rotated,cert_2_active,cert_2_last_rotated
<root_account>,arn:aws:iam::111122223333:root,2020-01-01T00:00:00+00:00,not_supported,\
2026-11-20T08:00:00+00:00,not_supported,not_supported,true,false,N/A,N/A,N/A,N/A,false,\
N/A,N/A,N/A,N/A,false,N/A,false,N/A
alice,arn:aws:iam::111122223333:user/alice,2025-01-01T00:00:00+00:00,true,\
2026-11-28T08:00:00+00:00,2025-01-01T00:00:00+00:00,N/A,true,true,\
2026-10-01T00:00:00+00:00,2026-11-28T09:00:00+00:00,us-east-1,s3,false,\
2026-01-01T00:00:00+00:00,N/A,N/A,N/A,false,N/A,false,N/A
"""
AUTH = {
    "UserDetailList": [
        {
            "UserName": "alice",
            "UserId": "AIDAALICE",
            "Arn": "arn:aws:iam::111122223333:user/alice",
            "CreateDate": datetime(2025, 1, 1, tzinfo=UTC),
            "GroupList": ["developers"],
            "AttachedManagedPolicies": [
                {"PolicyName": "admin", "PolicyArn": "arn:aws:iam::111122223333:policy/admin"}
            ],
            "Tags": [{"Key": "team", "Value": "payments"}],
        },
        {
            "UserName": "bob",
            "UserId": "AIDABOB",
            "Arn": "arn:aws:iam::111122223333:user/bob",
            "CreateDate": datetime(2026, 11, 29, tzinfo=UTC),
        },
    ],
    "GroupDetailList": [
        {
            "GroupName": "developers",
            "GroupId": "AGPA1",
            "Arn": "arn:aws:iam::111122223333:group/developers",
        }
    ],
    "RoleDetailList": [],
    "Policies": [
        {
            "PolicyName": "admin",
            "Arn": "arn:aws:iam::111122223333:policy/admin",
            "AttachmentCount": 1,
            "DefaultVersionId": "v2",
            "PolicyVersionList": [
                {"VersionId": "v1", "IsDefaultVersion": False, "Document": {"Statement": []}},
                {
                    "VersionId": "v2",
                    "IsDefaultVersion": True,
                    # as IAM sends it: URL-encoded JSON, Action a string
                    "Document": "%7B%22Statement%22%3A%7B%22Effect%22%3A%22Allow%22%2C"
                    "%22Action%22%3A%22%2A%22%2C%22Resource%22%3A%22%2A%22%7D%7D",
                },
            ],
        }
    ],
}


def facts(*records: Record, regions: tuple[str, ...] = (US,)) -> Facts:
    return Facts(ACCOUNT, "aws", list(regions), "2026-11-29T10:00:00Z", list(records))


def resources(doc: dict[str, Any], rtype: str) -> dict[str, Any]:
    return {r["name"]: r for r in doc["resources"].get(rtype, {}).values()}


def test_iso_timestamps() -> None:
    assert iso(datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)) == "2026-01-02T03:04:05Z"
    assert iso("2026-01-02T03:04:05+02:00") == "2026-01-02T01:04:05Z"
    assert iso(datetime(2026, 1, 2)) == "2026-01-02T00:00:00Z"  # naive means UTC
    assert [iso(v) for v in (None, "", "N/A", "no_information", "not_supported")] == [None] * 5


def test_policy_documents_are_normalized() -> None:
    doc = policy_document(
        '{"Version": "2012-10-17", "Statement": {"Effect": "Deny", '
        '"Action": "s3:*", "Resource": "*", "Principal": "*", "Extra": 1}}'
    )
    assert doc == {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Deny", "Action": ["s3:*"], "Resource": ["*"], "Principal": "*"}],
    }
    assert policy_document(None) is None
    with pytest.raises(ValueError):
        policy_document("[1, 2]")


def test_iam_users_join_the_credential_report() -> None:
    doc = build_snapshot(
        facts(
            Record("iam.authorization", "global", AUTH),
            Record("iam.credential_report", "global", {"Content": REPORT}),
        )
    )
    snapshot_from_dict(doc)
    users = resources(doc, "aws_iam_user")
    alice = users["alice"]
    assert alice["tags"] == {"team": "payments"}
    assert "unknown" not in alice
    assert alice["config"] | {} == {
        "user_id": "AIDAALICE",
        "create_date": "2025-01-01T00:00:00Z",
        "password_enabled": True,
        "password_last_used": "2026-11-28T08:00:00Z",
        "mfa_active": True,
        "access_keys": [
            {
                "access_key_id": "access_key_1",
                "status": "Active",
                "create_date": "2026-10-01T00:00:00Z",
                "last_used_date": "2026-11-28T09:00:00Z",
            },
            {
                "access_key_id": "access_key_2",
                "status": "Inactive",
                "create_date": "2026-01-01T00:00:00Z",
                "last_used_date": None,
            },
        ],
        "attached_policy_arns": ["arn:aws:iam::111122223333:policy/admin"],
        "inline_policy_names": [],
        "groups": ["developers"],
    }
    # bob is newer than the report: what the report says is unknown for him.
    assert users["bob"]["unknown"] == [
        "access_keys",
        "mfa_active",
        "password_enabled",
        "password_last_used",
    ]
    policy = resources(doc, "aws_iam_policy")["admin"]["config"]
    assert policy["document"]["Statement"] == [
        {"Effect": "Allow", "Action": ["*"], "Resource": ["*"]}
    ]
    assert policy["attached_users"] == ["alice"] and policy["default_version_id"] == "v2"
    assert resources(doc, "aws_iam_group")["developers"]["config"]["member_user_names"] == ["alice"]
    account = doc["resources"]["aws_account"][ACCOUNT]
    assert account["config"]["root_activity"] == {
        "password_last_used": "2026-11-20T08:00:00Z",
        "access_key_1_last_used": None,
        "access_key_2_last_used": None,
    }


def test_an_account_read_from_nothing_is_all_unknown() -> None:
    doc = build_snapshot(facts())
    snapshot_from_dict(doc)
    account = doc["resources"]["aws_account"][ACCOUNT]
    assert account["unknown"] == sorted(account["config"])
    settings = doc["resources"]["aws_region_settings"][f"{ACCOUNT}/{US}"]
    assert settings["unknown"] == sorted(settings["config"])


def test_account_settings_from_their_sources() -> None:
    doc = build_snapshot(
        facts(
            Record(
                "iam.account",
                "global",
                {
                    "PasswordPolicy": {"MinimumPasswordLength": 16, "ExpirePasswords": False},
                    "SummaryMap": {"AccountMFAEnabled": 1, "AccountAccessKeysPresent": 0},
                    "VirtualMFADevices": [
                        {"SerialNumber": "x", "User": {"Arn": f"arn:aws:iam::{ACCOUNT}:root"}}
                    ],
                },
            ),
            Record("s3.account_public_access_block", US, {}),
            Record(
                "organizations.organization",
                US,
                {"Organization": {"Id": "o-1", "MasterAccountId": "999", "FeatureSet": "ALL"}},
            ),
            Record(
                "account.security_contact", "global", failed={"GetAlternateContact": "denied: x"}
            ),
        )
    )
    account = doc["resources"]["aws_account"][ACCOUNT]
    config = account["config"]
    assert config["password_policy"]["minimum_password_length"] == 16
    assert config["password_policy"]["max_password_age"] is None
    assert config["root_user"] == {"mfa_active": True, "access_keys_present": 0}
    assert config["root_virtual_mfa"] is True
    assert config["s3_public_access_block"] is None  # read, and none is set
    assert config["organization"] == {"id": "o-1", "master_account_id": "999", "feature_set": "ALL"}
    assert account["unknown"] == ["root_activity", "security_contact_registered"]


def _bucket(**overrides: Any) -> Record:
    data: dict[str, Any] = {
        "Name": "logs",
        "Policy": None,
        "PolicyStatus": None,
        "PublicAccessBlockConfiguration": None,
        "ServerSideEncryptionConfiguration": {
            "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]
        },
        "Versioning": {"Status": None, "MFADelete": None},
        "LoggingEnabled": None,
        "Grants": [
            {
                "Grantee": {"URI": "http://acs.amazonaws.com/groups/global/AllUsers"},
                "Permission": "READ",
            }
        ],
        "TagSet": [{"Key": "owner", "Value": "ops"}],
    }
    failed = overrides.pop("failed", {})
    data.update(overrides)
    return Record("s3.bucket", "eu-west-1", data, failed)


def test_a_bucket() -> None:
    doc = build_snapshot(facts(_bucket()))
    snapshot_from_dict(doc)
    bucket = doc["resources"]["aws_s3_bucket"]["arn:aws:s3:::logs"]
    assert bucket["region"] == "eu-west-1" and bucket["tags"] == {"owner": "ops"}
    assert bucket["config"]["versioning"] == {"status": "Disabled", "mfa_delete": False}
    assert bucket["config"]["encryption"] == {"sse_algorithm": "AES256", "kms_key_id": None}
    assert bucket["config"]["acl_grants"][0]["grantee_uri"].endswith("/AllUsers")
    assert "unknown" not in bucket


def test_a_denied_bucket_detail_is_unknown_not_absent() -> None:
    record = _bucket(failed={"GetBucketPolicy": "denied: AccessDenied", "GetBucketTagging": "x"})
    doc = build_snapshot(facts(record))
    bucket = doc["resources"]["aws_s3_bucket"]["arn:aws:s3:::logs"]
    assert bucket["unknown"] == ["policy"]  # tags are not config: nothing to name


def test_bucket_locations() -> None:
    assert [bucket_region(v) for v in (None, "", "EU", "ap-south-1")] == [
        "us-east-1",
        "us-east-1",
        "eu-west-1",
        "ap-south-1",
    ]


def test_route_targets() -> None:
    routes = [
        {"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"},
        {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1", "State": "active"},
        {"DestinationPrefixListId": "pl-1", "GatewayId": "vpce-1"},
        {"DestinationIpv6CidrBlock": "::/0", "EgressOnlyInternetGatewayId": "eigw-1"},
        {"DestinationCidrBlock": "10.1.0.0/16", "VpcPeeringConnectionId": "pcx-1"},
        {"DestinationCidrBlock": "10.2.0.0/16", "State": "blackhole"},
    ]
    table = {"RouteTableId": "rtb-1", "VpcId": "vpc-1", "Routes": routes,
             "Associations": [{"Main": True}, {"SubnetId": "subnet-1"}]}  # fmt: skip
    doc = build_snapshot(facts(Record("ec2.route_tables", US, {"RouteTables": [table]})))
    snapshot_from_dict(doc)
    config = doc["resources"]["aws_route_table"][f"arn:aws:ec2:{US}:{ACCOUNT}:route-table/rtb-1"][
        "config"
    ]
    assert config["main"] is True and config["subnet_ids"] == ["subnet-1"]
    assert [(r["destination"], r["target_type"], r["target_id"]) for r in config["routes"]] == [
        ("10.0.0.0/16", "local", "local"),
        ("0.0.0.0/0", "gateway", "igw-1"),
        ("pl-1", "vpc_endpoint", "vpce-1"),
        ("::/0", "egress_only_internet_gateway", "eigw-1"),
        ("10.1.0.0/16", "vpc_peering_connection", "pcx-1"),
        ("10.2.0.0/16", "other", None),
    ]


def test_lambda_environment_values_are_dropped_at_once() -> None:
    listed = {
        "FunctionName": "f",
        "FunctionArn": f"arn:aws:lambda:{US}:{ACCOUNT}:function:f",
        "Role": "r",
        "Environment": {"Variables": {"TOKEN": "s3cr3t", "MODE": "prod"}},
    }
    kept = without_secrets(listed)
    assert kept["Environment"] == {"VariableNames": ["MODE", "TOKEN"]}
    assert "s3cr3t" not in repr(kept)
    record = Record("lambda.function", US, {"Function": kept, "Policy": None, "UrlConfigs": []})
    doc = build_snapshot(facts(record))
    (function,) = doc["resources"]["aws_lambda_function"].values()
    assert function["config"]["environment_variable_names"] == ["MODE", "TOKEN"]
    assert function["config"]["runtime"] is None


def test_an_unreadable_payload_is_a_coverage_error_not_a_crash() -> None:
    good = Record("ec2.vpcs", US, {"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}]})
    bad = Record("rds.instances", US, {"DBInstances": [{"Engine": "postgres"}]})  # no identifier
    doc = build_snapshot(facts(good, bad, Record("ec2.flow_logs", US, {"FlowLogs": []})))
    snapshot_from_dict(doc)
    assert list(doc["resources"]["aws_vpc"]) == [f"arn:aws:ec2:{US}:{ACCOUNT}:vpc/vpc-1"]
    (entry,) = doc["coverage"]
    assert (entry["service"], entry["region"], entry["status"]) == ("rds", US, "error")
    assert "KeyError" in entry["detail"] and "aws_db_instance" in entry["resource_types"]


def test_flow_logs_unknown_when_their_listing_failed() -> None:
    vpcs = Record("ec2.vpcs", US, {"Vpcs": [{"VpcId": "vpc-1", "CidrBlock": "10.0.0.0/16"}]})
    flow = Record("ec2.flow_logs", US, failed={"DescribeFlowLogs": "denied: x"})
    doc = build_snapshot(facts(vpcs, flow))
    (vpc,) = doc["resources"]["aws_vpc"].values()
    assert vpc["unknown"] == ["flow_logs"]


def test_snapshots_are_deterministic() -> None:
    records = (Record("iam.authorization", "global", AUTH), _bucket())
    assert build_snapshot(facts(*records)) == build_snapshot(facts(*records))


def test_db_clusters() -> None:
    """Aurora and Multi-AZ DB clusters become aws_rds_cluster, the writer first; DocumentDB
    and Neptune (which DescribeDBClusters also lists) do not; a Multi-AZ DB cluster's
    setting the payload lacks is unknown, not false."""
    arn = f"arn:aws:rds:{US}:{ACCOUNT}:cluster:"
    clusters = [
        {"DBClusterIdentifier": "ledger", "DBClusterArn": f"{arn}ledger",
         "Engine": "aurora-postgresql", "StorageEncrypted": True, "BackupRetentionPeriod": 7,
         "DeletionProtection": True, "IAMDatabaseAuthenticationEnabled": True, "MultiAZ": True,
         "DBClusterMembers": [{"DBInstanceIdentifier": "ledger-2", "IsClusterWriter": False},
                              {"DBInstanceIdentifier": "ledger-1", "IsClusterWriter": True}],
         "TagList": [{"Key": "team", "Value": "payments"}], "DBSubnetGroup": "ledger-db"},
        {"DBClusterIdentifier": "orders", "DBClusterArn": f"{arn}orders", "Engine": "postgres",
         "PubliclyAccessible": True},
        {"DBClusterIdentifier": "docs", "DBClusterArn": f"{arn}docs", "Engine": "docdb"},
        {"DBClusterIdentifier": "graph", "DBClusterArn": f"{arn}graph", "Engine": "neptune"},
    ]  # fmt: skip
    groups = [{"DBSubnetGroupName": "ledger-db", "VpcId": "vpc-1",
               "Subnets": [{"SubnetIdentifier": "subnet-a"}]}]  # fmt: skip
    snap = build_snapshot(
        facts(
            Record("rds.clusters", US, {"DBClusters": clusters}),
            Record("rds.subnet_groups", US, {"DBSubnetGroups": groups}),
        )
    )
    snapshot_from_dict(snap)
    found = snap["resources"]["aws_rds_cluster"]
    assert sorted(found) == [f"{arn}ledger", f"{arn}orders"]
    ledger, orders = found[f"{arn}ledger"], found[f"{arn}orders"]
    assert ledger["tags"] == {"team": "payments"} and "unknown" not in ledger
    assert [m["db_instance_identifier"] for m in ledger["config"]["members"]] == [
        "ledger-1",
        "ledger-2",
    ]
    assert ledger["config"]["backup_retention_period"] == 7
    assert ledger["config"]["publicly_accessible"] is None
    assert orders["config"]["publicly_accessible"] is True
    assert orders["config"]["storage_encrypted"] is False
    # no subnet group named: where it sits is not known either
    assert orders["unknown"] == ["auto_minor_version_upgrade", "subnet_ids", "vpc_id"]
