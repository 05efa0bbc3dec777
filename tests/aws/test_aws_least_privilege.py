"""Least privilege, proven against moto's IAM enforcement: a full collection as a
principal holding only the AWS managed SecurityAudit policy is never denied, and the
collector calls nothing that writes."""

from __future__ import annotations

import re
from typing import Any

import boto3
import botocore.client
import pytest

from cspm_opa.collect import CollectRequest
from cspm_opa.collect.aws import collect_account
from cspm_opa.collect.aws.session import targets_for
from cspm_opa.localclouds.aws_cloud import AUDITOR_USER, AwsCloud
from tests.aws.conftest import aws_env, collect_from
from tests.aws.iam_enforcement import iam_enforced

READ_ONLY = re.compile(r"^(List|Describe|Get)[A-Z]")

# Calls a read-only scan needs although their names do not say "read":
NOT_NAMED_AS_READS = {
    # Asks IAM to build (or reuse, for four hours) the credential report; it changes no
    # configuration, and GetCredentialReport cannot answer without it.
    "GenerateCredentialReport",
    # Fetches temporary credentials of the audit role in another account (and again
    # when they expire); it changes nothing in either account.
    "AssumeRole",
}


def test_the_auditor_holds_only_security_audit(cloud: AwsCloud) -> None:
    with aws_env(cloud):
        iam = boto3.client("iam")
        assert iam.list_attached_user_policies(UserName=AUDITOR_USER)["AttachedPolicies"] == []
        assert iam.list_user_policies(UserName=AUDITOR_USER)["PolicyNames"] == []
        (group,) = iam.list_groups_for_user(UserName=AUDITOR_USER)["Groups"]
        attached = iam.list_attached_group_policies(GroupName=group["GroupName"])
        assert [p["PolicyName"] for p in attached["AttachedPolicies"]] == ["SecurityAudit"]
        # Besides: the right to assume the audit role of the other accounts, nothing else.
        (inline,) = iam.list_group_policies(GroupName=group["GroupName"])["PolicyNames"]
        document = iam.get_group_policy(GroupName=group["GroupName"], PolicyName=inline)
        statements = document["PolicyDocument"]["Statement"]
        assert [s["Action"] for s in statements] == ["sts:AssumeRole"]


@pytest.mark.parametrize("through_role", [False, True], ids=["own-account", "assumed-role"])
def test_security_audit_is_enough(
    cloud: AwsCloud, monkeypatch: pytest.MonkeyPatch, through_role: bool
) -> None:
    request = CollectRequest(provider="aws", regions=cloud.regions, workers=4)
    if through_role:
        request = CollectRequest(
            provider="aws",
            regions=cloud.regions,
            role_arn=cloud.role_arn,
            external_id=cloud.external_id,
            workers=4,
        )
    with aws_env(cloud, **cloud.auditor), iam_enforced(cloud, monkeypatch) as judgement:
        (target,) = targets_for(request)
        doc, stats = collect_account(target, request)
    assert judgement.denied == []
    # Judged under AWS's own action names, not moto's operation-derived ones.
    assert {
        "s3:ListAllMyBuckets", "s3:GetEncryptionConfiguration", "s3:GetBucketPublicAccessBlock",
        "s3:GetAccountPublicAccessBlock", "cloudwatch:DescribeAlarms",
    } <= judgement.judged  # fmt: skip
    # The graph's sources: interfaces, addresses, target groups, DB subnet groups (the
    # hardened account has no target group whose targets to ask for).
    graph_sources = {
        "ec2:DescribeNetworkInterfaces", "ec2:DescribeAddresses",
        "elasticloadbalancing:DescribeTargetGroups", "rds:DescribeDBSubnetGroups",
    }  # fmt: skip
    if not through_role:
        graph_sources.add("elasticloadbalancing:DescribeTargetHealth")
    assert graph_sources <= judgement.judged
    assert not {"s3:ListBuckets", "s3:GetBucketEncryption", "s3:GetPublicAccessBlock"} & (
        judgement.judged
    )
    assert doc["coverage"] == []
    assert [f for f in stats.failures if f.status == "denied"] == []
    # What does fail is what moto does not implement, never a permission.
    assert {(f.service, f.operation, f.status) for f in stats.failures} == {
        ("accessanalyzer", "ListAnalyzers", "error")
    }
    assert sum(len(by_id) for by_id in doc["resources"].values()) > 50


def test_enforcement_is_real(cloud: AwsCloud, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same collection by a principal without SecurityAudit is denied, and the
    denials land in coverage and in the run's failures: the test above can fail."""
    with aws_env(cloud):
        iam = boto3.client("iam")
        iam.create_user(UserName="no-permissions")
        key = iam.create_access_key(UserName="no-permissions")["AccessKey"]
    creds = {
        "AWS_ACCESS_KEY_ID": key["AccessKeyId"],
        "AWS_SECRET_ACCESS_KEY": key["SecretAccessKey"],
    }
    request = CollectRequest(provider="aws", regions=("us-east-1",), workers=4)
    with aws_env(cloud, **creds), iam_enforced(cloud, monkeypatch) as judgement:
        (target,) = targets_for(request)
        doc, stats = collect_account(target, request)
    assert {
        "iam:GetAccountAuthorizationDetails", "ec2:DescribeInstances", "s3:ListAllMyBuckets"
    } <= set(judgement.denied)  # fmt: skip
    statuses = {(e["service"], e["status"]) for e in doc["coverage"]}
    assert {("iam", "denied"), ("ec2", "denied"), ("s3", "denied")} <= statuses
    assert "s3_public_access_block" in doc["resources"]["aws_account"][cloud.account_id]["unknown"]
    assert any(f.status == "denied" for f in stats.failures)


def test_every_call_only_reads(cloud: AwsCloud, monkeypatch: pytest.MonkeyPatch) -> None:
    operations: set[tuple[str, str]] = set()
    original = botocore.client.BaseClient._make_api_call

    def recording(self: Any, operation_name: str, api_params: Any) -> Any:
        operations.add((self.meta.service_model.service_name, operation_name))
        return original(self, operation_name, api_params)

    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", recording)
    collect_from(cloud)
    collect_from(cloud, role_arn=cloud.role_arn, external_id=cloud.external_id)
    writes = {op for _, op in operations if not READ_ONLY.match(op)} - NOT_NAMED_AS_READS
    assert writes == set()
    assert {op for _, op in operations} >= NOT_NAMED_AS_READS
    services = {service for service, _ in operations}
    assert services >= {
        "iam", "s3", "s3control", "ec2", "rds", "efs", "cloudtrail", "config", "kms", "logs",
        "cloudwatch", "sns", "elbv2", "lambda", "guardduty", "securityhub", "accessanalyzer",
        "organizations", "account", "sts",
    }  # fmt: skip
