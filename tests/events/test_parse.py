"""Parsing every accepted event shape (pure: no cloud): AWS CloudTrail via EventBridge,
Azure Event Grid (EventGridEvent and CloudEvents, single and batched) and Activity Log
exports, GCP audit log entries (raw, Pub/Sub push, Eventarc)."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from cspm_opa.errors import InputError
from cspm_opa.events import Touched, parse_event
from tests.events.aws_events import bucket_event, cloudtrail_event

SUB = "00000000-0000-0000-0000-000000000001"
ACCOUNT_URI = (
    f"/subscriptions/{SUB}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/acct"
)


INSTANCE = {"instanceId": "i-9"}
TRAIL = "arn:aws:cloudtrail:us-east-1:123456789012:trail/main"


# -- AWS --------------------------------------------------------------------------------


def test_aws_bucket_change() -> None:
    event = parse_event("aws", bucket_event("DeleteBucketPolicy", "logs", region="eu-west-1"))
    assert event.ignored is None
    assert event.account == "123456789012" and event.region == "eu-west-1"
    assert event.touched == (
        Touched("aws_s3_bucket", id="arn:aws:s3:::logs", name="logs", region="eu-west-1"),
    )
    assert parse_event("aws", bucket_event("DeleteBucket", "logs")).touched[0].deleted


def test_aws_bare_cloudtrail_record_is_accepted() -> None:
    record = bucket_event("PutBucketAcl", "logs")["detail"]
    assert parse_event("aws", record).touched[0].name == "logs"


@pytest.mark.parametrize(
    ("source", "name", "params", "response", "expected"),
    [
        ("ec2.amazonaws.com", "AuthorizeSecurityGroupIngress", {"groupId": "sg-1"}, None,
         ("aws_security_group", "arn:aws:ec2:us-east-1:123456789012:security-group/sg-1")),
        ("ec2.amazonaws.com", "RunInstances", {}, {"instancesSet": {"items": [INSTANCE]}},
         ("aws_instance", "arn:aws:ec2:us-east-1:123456789012:instance/i-9")),
        ("ec2.amazonaws.com", "CreateVolume", {"size": 8}, {"volumeId": "vol-2"},
         ("aws_ebs_volume", "arn:aws:ec2:us-east-1:123456789012:volume/vol-2")),
        ("ec2.amazonaws.com", "DisableEbsEncryptionByDefault", {}, None,
         ("aws_region_settings", "123456789012/us-east-1")),
        ("iam.amazonaws.com", "CreateAccessKey", {"userName": "bob"}, None,
         ("aws_iam_user", "arn:aws:iam::123456789012:user/bob")),
        ("iam.amazonaws.com", "UpdateAccountPasswordPolicy", {"minimumPasswordLength": 6}, None,
         ("aws_account", "123456789012")),
        ("s3.amazonaws.com", "DeleteAccountPublicAccessBlock", {"accountId": "123456789012"}, None,
         ("aws_account", "123456789012")),
        ("lambda.amazonaws.com", "AddPermission20150331v2", {"functionName": "f"}, None,
         ("aws_lambda_function", None)),
        ("cloudtrail.amazonaws.com", "StopLogging", {"name": TRAIL}, None,
         ("aws_cloudtrail_trail", TRAIL)),
    ],
)  # fmt: skip
def test_aws_services(
    source: str, name: str, params: dict[str, Any], response: Any, expected: tuple[str, Any]
) -> None:
    event = parse_event("aws", cloudtrail_event(source, name, params, response=response))
    assert event.ignored is None, event.ignored
    assert (event.touched[0].type, event.touched[0].id) == expected


def test_aws_fields_of_settings() -> None:
    event = parse_event(
        "aws", cloudtrail_event("s3.amazonaws.com", "PutAccountPublicAccessBlock", {})
    )
    assert event.touched[0].fields == {"s3_public_access_block"}


@pytest.mark.parametrize(
    ("event", "why"),
    [
        (bucket_event("PutBucketAcl", "b", error="AccessDenied"), "AccessDenied"),
        (bucket_event("GetBucketAcl", "b"), "only reads"),
        (cloudtrail_event("sqs.amazonaws.com", "CreateQueue", {}), "not mapped"),
    ],
)
def test_aws_events_that_change_nothing(event: dict[str, Any], why: str) -> None:
    parsed = parse_event("aws", event)
    assert parsed.touched == () and why in str(parsed.ignored)


@pytest.mark.parametrize(
    "payload",
    [
        {"detail-type": "EC2 Instance State-change Notification", "detail": {}},
        {"hello": "world"},
        ["not", "an", "object"],
    ],
)
def test_aws_other_shapes_are_bad_input(payload: Any) -> None:
    with pytest.raises(InputError):
        parse_event("aws", payload)


# -- Azure ------------------------------------------------------------------------------


def grid_event(uri: str, kind: str = "Microsoft.Resources.ResourceWriteSuccess") -> dict[str, Any]:
    return {
        "id": "831e1650-001e-001b-66ab-eeb76e069631",
        "topic": "/subscriptions/" + uri.split("/")[2],
        "subject": uri,
        "eventType": kind,
        "eventTime": "2026-11-29T10:00:00Z",
        "data": {
            "resourceUri": uri,
            "operationName": "Microsoft.Storage/storageAccounts/write",
            "status": "Succeeded",
            "subscriptionId": uri.split("/")[2],
        },
        "dataVersion": "",
        "metadataVersion": "1",
    }


def cloud_event(uri: str, kind: str = "Microsoft.Resources.ResourceWriteSuccess") -> dict[str, Any]:
    grid = grid_event(uri, kind)
    return {
        "specversion": "1.0",
        "type": kind,
        "source": f"/subscriptions/{SUB}",
        "id": grid["id"],
        "time": grid["eventTime"],
        "subject": uri,
        "data": grid["data"],
    }


@pytest.mark.parametrize("shape", [grid_event, cloud_event])
def test_azure_single_events(shape: Any) -> None:
    event = parse_event("azure", shape(ACCOUNT_URI))
    assert event.account == SUB and event.ignored is None
    assert event.touched == (Touched("azurerm_storage_account", id=ACCOUNT_URI, name="acct"),)


@pytest.mark.parametrize("shape", [grid_event, cloud_event])
def test_azure_batches_merge(shape: Any) -> None:
    vault = f"/subscriptions/{SUB}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/kv"
    event = parse_event("azure", [shape(ACCOUNT_URI), shape(vault)])
    assert [t.type for t in event.touched] == ["azurerm_storage_account", "azurerm_key_vault"]


def test_azure_delete_child_and_extension() -> None:
    deleted = parse_event(
        "azure", grid_event(ACCOUNT_URI, "Microsoft.Resources.ResourceDeleteSuccess")
    )
    assert deleted.touched[0].deleted
    child = parse_event("azure", grid_event(f"{ACCOUNT_URI}/blobServices/default"))
    assert child.touched == (Touched("azurerm_storage_account", id=ACCOUNT_URI, name="acct"),)
    rule = (
        f"/subscriptions/{SUB}/resourceGroups/rg/providers/Microsoft.Sql/servers/s/firewallRules/a"
    )
    assert parse_event("azure", grid_event(rule)).touched[0].type == "azurerm_mssql_server"
    diag = f"{ACCOUNT_URI}/providers/Microsoft.Insights/diagnosticSettings/audit"
    types = [t.type for t in parse_event("azure", grid_event(diag)).touched]
    assert types == ["azurerm_monitor_diagnostic_setting", "azurerm_storage_account"]
    plan = f"/subscriptions/{SUB}/providers/Microsoft.Security/pricings/VirtualMachines"
    [sub] = parse_event("azure", grid_event(plan)).touched
    assert sub.type == "azurerm_subscription" and sub.fields == {"defender_plans"}


def test_azure_activity_log_export() -> None:
    records = {
        "records": [
            {
                "time": "2026-11-29T10:00:00Z",
                "resourceId": ACCOUNT_URI.upper(),
                "operationName": "MICROSOFT.STORAGE/STORAGEACCOUNTS/WRITE",
                "category": "Administrative",
                "resultType": "Success",
                "correlationId": "c0ffee",
            },
            {
                "time": "2026-11-29T10:00:01Z",
                "resourceId": ACCOUNT_URI,
                "operationName": "MICROSOFT.STORAGE/STORAGEACCOUNTS/LISTKEYS/ACTION",
                "resultType": "Success",
                "correlationId": "c0ffee2",
            },
        ]
    }
    event = parse_event("azure", records)
    assert event.id == "c0ffee" and event.account == SUB
    [touched] = event.touched
    assert touched.type == "azurerm_storage_account"
    assert touched.matches(ACCOUNT_URI, {"name": "acct"})  # ARM ids compare without case


@pytest.mark.parametrize(
    "payload",
    [
        grid_event(ACCOUNT_URI, "Microsoft.Resources.ResourceActionSuccess"),
        grid_event(ACCOUNT_URI, "Microsoft.EventGrid.SubscriptionValidationEvent"),
        grid_event(f"/subscriptions/{SUB}/resourceGroups/rg/providers/Microsoft.Cache/redis/r"),
        {"records": [{"resourceId": ACCOUNT_URI, "operationName": "W/WRITE", "resultType": "No"}]},
    ],
)  # fmt: skip
def test_azure_events_that_change_nothing(payload: Any) -> None:
    event = parse_event("azure", payload)
    assert event.touched == () and event.ignored


def test_azure_bad_shapes() -> None:
    for payload in ({"no": "type"}, [], {"records": []}, 7):
        with pytest.raises(InputError):
            parse_event("azure", payload)


# -- GCP --------------------------------------------------------------------------------


def log_entry(service: str, method: str, name: str, **extra: Any) -> dict[str, Any]:
    return {
        "insertId": "abc123",
        "logName": "projects/demo-project/logs/cloudaudit.googleapis.com%2Factivity",
        "timestamp": "2026-11-29T10:00:00Z",
        "resource": {"type": "gcs_bucket", "labels": {"project_id": "demo-project"}},
        "protoPayload": {
            "@type": "type.googleapis.com/google.cloud.audit.AuditLog",
            "serviceName": service,
            "methodName": method,
            "resourceName": name,
            "status": {},
            **extra,
        },
    }


BUCKET_ENTRY = log_entry(
    "storage.googleapis.com", "storage.setIamPermissions", "projects/_/buckets/b1"
)


def test_gcp_raw_entry() -> None:
    event = parse_event("gcp", BUCKET_ENTRY)
    assert event.id == "abc123" and event.account == "demo-project"
    assert event.touched == (
        Touched("google_storage_bucket", id="//storage.googleapis.com/b1", name="b1"),
    )


def test_gcp_pubsub_push() -> None:
    data = base64.b64encode(json.dumps(BUCKET_ENTRY).encode()).decode()
    push = {"message": {"data": data, "messageId": "42", "attributes": {}}, "subscription": "s"}
    assert parse_event("gcp", push).touched[0].name == "b1"


def test_gcp_eventarc_cloud_event() -> None:
    event = {
        "specversion": "1.0",
        "type": "google.cloud.audit.log.v1.written",
        "source": "//cloudaudit.googleapis.com/projects/demo-project/logs/activity",
        "id": "projects/demo-project/logs/cloudaudit.googleapis.com%2Factivity-abc123",
        "time": "2026-11-29T10:00:00Z",
        "subject": "storage.googleapis.com/projects/_/buckets/b1",
        "data": BUCKET_ENTRY,
    }
    assert parse_event("gcp", event).touched[0].type == "google_storage_bucket"


@pytest.mark.parametrize(
    ("service", "method", "name", "rtype"),
    [
        ("compute.googleapis.com", "v1.compute.firewalls.patch",
         "projects/demo-project/global/firewalls/allow-ssh", "google_compute_firewall"),
        ("compute.googleapis.com", "v1.compute.instances.setMetadata",
         "projects/demo-project/zones/us-central1-a/instances/vm-1", "google_compute_instance"),
        ("cloudsql.googleapis.com", "cloudsql.instances.update",
         "projects/demo-project/instances/db", "google_sql_database_instance"),
        ("cloudresourcemanager.googleapis.com", "SetIamPolicy",
         "projects/demo-project", "google_project"),
        ("bigquery.googleapis.com", "google.iam.v1.IAMPolicy.SetIamPolicy",
         "projects/demo-project/datasets/ds", "google_bigquery_dataset"),
    ],
)  # fmt: skip
def test_gcp_services(service: str, method: str, name: str, rtype: str) -> None:
    [touched] = parse_event("gcp", log_entry(service, method, name)).touched
    assert touched.type == rtype and touched.name == name.rsplit("/", 1)[-1]


def test_gcp_events_that_change_nothing() -> None:
    failed = log_entry("storage.googleapis.com", "storage.buckets.update", "projects/_/buckets/b",
                       status={"code": 7})  # fmt: skip
    read = log_entry("storage.googleapis.com", "storage.buckets.get", "projects/_/buckets/b")
    unmapped = log_entry("pubsub.googleapis.com", "google.pubsub.v1.Publisher.CreateTopic",
                         "projects/demo-project/topics/t")  # fmt: skip
    for entry in (failed, read, unmapped):
        event = parse_event("gcp", entry)
        assert event.touched == () and event.ignored


def test_gcp_bad_shapes() -> None:
    wrong_type = {"specversion": "1.0", "type": "google.cloud.storage.object.v1.finalized"}
    for payload in ({"message": {"data": "%%%"}}, wrong_type, {"jsonPayload": {}}):
        with pytest.raises(InputError):
            parse_event("gcp", payload)
