"""References that leave the snapshot make the checks that follow them UNKNOWN.

A trail names its S3 bucket and its CloudWatch Logs group; a CIS 4.x alarm names the
SNS topics it notifies. When the referenced thing is in another account, or in a region
that was not scanned, nothing about it was read: the referring document names the field
in its ``unknown``, and the checks are UNKNOWN rather than PASS or FAIL. When it would
live in a scanned region of this account and a listing that succeeded does not hold
it, it does not exist, and the checks judge that.
"""

from __future__ import annotations

from typing import Any

import pytest

from cspm_opa import Status, evaluate, snapshot_from_dict
from cspm_opa.engine.local import LocalOpa
from cspm_opa.normalize.aws import Facts, Record, build_snapshot

ACCOUNT = "111122223333"
US = "us-east-1"
EU = "eu-west-1"
TRAIL = f"arn:aws:cloudtrail:{US}:{ACCOUNT}:trail/main"
GROUP = "cloudtrail-logs"
TOPIC = f"arn:aws:sns:{US}:{ACCOUNT}:security"
ROOT_PATTERN = (
    '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS '
    '&& $.eventType != "AwsServiceEvent" }'
)
ROOT_CHECK = "AWS-CLOUDWATCH-003"  # CIS AWS 4.3
BUCKET_CHECK = "AWS-CLOUDTRAIL-006"  # CIS AWS 3.4


def _trail(*, bucket: str = "trail-logs", group_region: str = US) -> Record:
    group = f"arn:aws:logs:{group_region}:{ACCOUNT}:log-group:{GROUP}:*"
    return Record(
        "cloudtrail.trail",
        US,
        {
            "Trail": {
                "Name": "main",
                "TrailARN": TRAIL,
                "HomeRegion": US,
                "IsMultiRegionTrail": True,
                "S3BucketName": bucket,
                "LogFileValidationEnabled": True,
                "CloudWatchLogsLogGroupArn": group,
            },
            "Status": {"IsLogging": True},
            "EventSelectors": [{"ReadWriteType": "All", "IncludeManagementEvents": True}],
        },
    )


def _bucket(name: str = "trail-logs", *, logging: bool = True) -> Record:
    target = {"TargetBucket": "access-logs", "TargetPrefix": ""} if logging else None
    return Record(
        "s3.bucket",
        US,
        {
            "Name": name,
            "Policy": None,
            "PolicyStatus": None,
            "PublicAccessBlockConfiguration": None,
            "ServerSideEncryptionConfiguration": None,
            "Versioning": {"Status": "Enabled", "MFADelete": None},
            "LoggingEnabled": target,
            "Grants": [],
        },
    )


def _monitoring(*actions: str, metric: str = "RootUsage") -> list[Record]:
    """A root-usage metric filter on the trail's group and an alarm on its metric that
    notifies ``actions``; the in-scope topic TOPIC exists with a confirmed subscriber."""
    return [
        Record(
            "logs.metric_filters",
            US,
            {
                "metricFilters": [
                    {
                        "filterName": "root",
                        "logGroupName": GROUP,
                        "filterPattern": ROOT_PATTERN,
                        "metricTransformations": [
                            {"metricName": "RootUsage", "metricNamespace": "CIS"}
                        ],
                    }
                ]
            },
        ),
        Record(
            "cloudwatch.alarms",
            US,
            {
                "MetricAlarms": [
                    {
                        "AlarmName": "root",
                        "AlarmArn": f"arn:aws:cloudwatch:{US}:{ACCOUNT}:alarm:root",
                        "MetricName": metric,
                        "Namespace": "CIS",
                        "ActionsEnabled": True,
                        "AlarmActions": list(actions),
                        "StateValue": "OK",
                    }
                ]
            },
        ),
        Record("sns.topics", US, {"Topics": [{"TopicArn": TOPIC}]}),
        Record(
            "sns.subscriptions",
            US,
            {
                "Subscriptions": [
                    {"TopicArn": TOPIC, "Protocol": "email", "SubscriptionArn": f"{TOPIC}:s1"}
                ]
            },
        ),
    ]


def _snapshot(*records: Record, coverage: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    facts = Facts(ACCOUNT, "aws", [US], "2026-11-29T10:00:00Z", list(records), coverage or [])
    doc = build_snapshot(facts)
    snapshot_from_dict(doc)  # valid against the schemas, unknown lists included
    return doc


def _one(doc: dict[str, Any], rtype: str) -> dict[str, Any]:
    (found,) = doc["resources"][rtype].values()
    return dict(found)


def _verdict(doc: dict[str, Any], engine: LocalOpa, policy_id: str) -> Status:
    (status,) = {
        f.status for f in evaluate([snapshot_from_dict(doc)], engine) if f.policy_id == policy_id
    }
    return status


# --- trail -> metric filter -> alarm -> SNS topic (CIS 4.x) -----------------------------


def test_a_chain_in_scope_passes(engine: LocalOpa) -> None:
    doc = _snapshot(_trail(), _bucket(), *_monitoring(TOPIC))
    assert "unknown" not in _one(doc, "aws_cloudwatch_metric_alarm")
    assert "unknown" not in _one(doc, "aws_cloudtrail_trail")
    assert _verdict(doc, engine, ROOT_CHECK) is Status.PASS


@pytest.mark.parametrize(
    "topic",
    [f"arn:aws:sns:{US}:999999999999:central-security", f"arn:aws:sns:{EU}:{ACCOUNT}:security"],
    ids=["another account", "a region not scanned"],
)
def test_an_alarm_topic_outside_the_snapshot_is_unknown_not_fail(
    topic: str, engine: LocalOpa
) -> None:
    doc = _snapshot(_trail(), _bucket(), *_monitoring(topic))
    assert _one(doc, "aws_cloudwatch_metric_alarm")["unknown"] == ["alarm_actions"]
    # Before, the topic was simply absent and the account failed CIS 4.3.
    assert _verdict(doc, engine, ROOT_CHECK) is Status.UNKNOWN


def test_a_missing_topic_in_a_scanned_region_of_the_account_fails(engine: LocalOpa) -> None:
    deleted = f"arn:aws:sns:{US}:{ACCOUNT}:deleted"
    doc = _snapshot(_trail(), _bucket(), *_monitoring(deleted))
    assert "unknown" not in _one(doc, "aws_cloudwatch_metric_alarm")
    assert _verdict(doc, engine, ROOT_CHECK) is Status.FAIL


def test_an_alarm_on_no_filters_metric_is_not_marked() -> None:
    elsewhere = f"arn:aws:sns:{US}:999999999999:billing"
    doc = _snapshot(_trail(), _bucket(), *_monitoring(elsewhere, metric="EstimatedCharges"))
    assert "unknown" not in _one(doc, "aws_cloudwatch_metric_alarm")


def test_non_sns_alarm_actions_are_not_references_to_topics() -> None:
    autoscaling = f"arn:aws:autoscaling:{EU}:999999999999:scalingPolicy:x"
    doc = _snapshot(_trail(), _bucket(), *_monitoring(TOPIC, autoscaling))
    assert "unknown" not in _one(doc, "aws_cloudwatch_metric_alarm")


def test_a_log_group_in_a_region_not_scanned_is_unknown_not_fail(engine: LocalOpa) -> None:
    doc = _snapshot(_trail(group_region=EU), _bucket(), *_monitoring(TOPIC))
    assert _one(doc, "aws_cloudtrail_trail")["unknown"] == ["cloud_watch_logs_log_group_arn"]
    assert _verdict(doc, engine, ROOT_CHECK) is Status.UNKNOWN


def test_alarms_that_could_not_be_listed_make_the_chain_unknown(engine: LocalOpa) -> None:
    records = [r for r in _monitoring(TOPIC) if r.kind != "cloudwatch.alarms"]
    gap = {
        "service": "cloudwatch",
        "region": US,
        "status": "denied",
        "detail": "AccessDenied: DescribeAlarms",
        "resource_types": ["aws_cloudwatch_metric_alarm"],
    }
    doc = _snapshot(_trail(), _bucket(), *records, coverage=[gap])
    assert _verdict(doc, engine, ROOT_CHECK) is Status.UNKNOWN


# --- trail -> S3 bucket (CIS 3.4) -------------------------------------------------------


def test_a_trail_bucket_outside_the_snapshot_is_unknown(engine: LocalOpa) -> None:
    doc = _snapshot(_trail(bucket="org-log-archive"), _bucket("unrelated", logging=False))
    assert _one(doc, "aws_cloudtrail_trail")["unknown"] == ["s3_bucket_name"]
    # Before, the trail was left out of the check: no result at all.
    assert _verdict(doc, engine, BUCKET_CHECK) is Status.UNKNOWN


@pytest.mark.parametrize(("logging", "expected"), [(True, Status.PASS), (False, Status.FAIL)])
def test_a_trail_bucket_in_the_snapshot_is_judged(
    logging: bool, expected: Status, engine: LocalOpa
) -> None:
    doc = _snapshot(_trail(), _bucket(logging=logging))
    assert "unknown" not in _one(doc, "aws_cloudtrail_trail")
    assert _verdict(doc, engine, BUCKET_CHECK) is expected


# --- users, groups and roles -> the managed policies they have attached ------------------

SHELL = "arn:aws:iam::aws:policy/AWSCloudShellFullAccess"
SHELL_CHECK = "AWS-IAM-017"  # CIS AWS 1.21


def _authorization() -> Record:
    user = {
        "UserName": "dev",
        "UserId": "AIDADEV",
        "Arn": f"arn:aws:iam::{ACCOUNT}:user/dev",
        "CreateDate": "2026-01-01T00:00:00Z",
        "AttachedManagedPolicies": [{"PolicyName": "AWSCloudShellFullAccess", "PolicyArn": SHELL}],
    }
    return Record("iam.authorization", "global", {"UserDetailList": [user], "Policies": []})


def _shell_policy() -> Record:
    policy = {
        "Arn": SHELL,
        "PolicyName": "AWSCloudShellFullAccess",
        "AttachmentCount": 1,
        "DefaultVersionId": "v1",
    }
    document = {"Statement": [{"Effect": "Allow", "Action": "cloudshell:*", "Resource": "*"}]}
    return Record("iam.aws_policy", "global", {"Policy": policy, "Document": document})


def test_an_attached_policy_that_was_not_read_is_a_coverage_entry(engine: LocalOpa) -> None:
    doc = _snapshot(_authorization())
    (gap,) = doc["coverage"]
    assert gap["resource_types"] == ["aws_iam_policy"] and gap["status"] == "error"
    assert SHELL in gap["detail"] and "dev" in gap["detail"]
    # Before, the account passed: no policy document, so no one seemed to hold it.
    assert _verdict(doc, engine, SHELL_CHECK) is Status.UNKNOWN


def test_an_attached_policy_that_was_read_is_judged(engine: LocalOpa) -> None:
    doc = _snapshot(_authorization(), _shell_policy())
    assert doc["coverage"] == []
    assert _verdict(doc, engine, SHELL_CHECK) is Status.FAIL


def test_a_failed_policy_listing_is_not_reported_twice() -> None:
    gap = {
        "service": "iam",
        "region": "global",
        "status": "denied",
        "detail": "AccessDenied: ListPolicies",
        "resource_types": ["aws_iam_policy"],
    }
    doc = _snapshot(_authorization(), coverage=[gap])
    assert doc["coverage"] == [gap]
