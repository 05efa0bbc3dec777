"""CloudTrail trails (with status and event selectors) and KMS keys (with rotation)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cspm_opa.normalize.aws.common import Document, resource, tag_map, unknown_fields
from cspm_opa.normalize.aws.facts import Facts, Record

__all__ = ["TRAIL_FIELDS", "TRAIL_TYPES", "trail_resources"]

TRAIL_TYPES = ("aws_cloudtrail_trail", "aws_kms_key")


TRAIL_FIELDS: dict[str, tuple[str, ...]] = {
    "GetTrailStatus": ("is_logging",),
    "GetEventSelectors": ("event_selectors", "advanced_event_selectors"),
}
KEY_FIELDS: dict[str, tuple[str, ...]] = {
    "DescribeKey": ("key_manager", "key_spec", "key_usage", "key_state", "origin"),
    "GetKeyRotationStatus": ("rotation_enabled", "rotation_period_in_days"),
}
_OPERATORS = (
    ("Equals", "equals"),
    ("StartsWith", "starts_with"),
    ("EndsWith", "ends_with"),
    ("NotEquals", "not_equals"),
    ("NotStartsWith", "not_starts_with"),
    ("NotEndsWith", "not_ends_with"),
)
_KEY_STATES = {
    "Creating",
    "Enabled",
    "Disabled",
    "PendingDeletion",
    "PendingImport",
    "PendingReplicaDeletion",
    "Unavailable",
    "Updating",
}


def trail_resources(facts: Facts, region: str) -> list[Document]:
    """CloudTrail and KMS documents of one region."""
    docs = [_trail(r) for r in facts.of("cloudtrail.trail", region)]
    docs.extend(_key(r) for r in facts.of("kms.key", region))
    return docs


def _selector(raw: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "read_write_type": raw.get("ReadWriteType", "All"),
        "include_management_events": bool(raw.get("IncludeManagementEvents", True)),
        "data_resources": [
            {"type": d.get("Type", ""), "values": list(d.get("Values", []))}
            for d in raw.get("DataResources", [])
        ],
    }


def _advanced(raw: Mapping[str, Any]) -> dict[str, Any]:
    fields = []
    for f in raw.get("FieldSelectors", []):
        out: dict[str, Any] = {"field": f["Field"]}
        for key, name in _OPERATORS:
            if f.get(key):
                out[name] = list(f[key])
        fields.append(out)
    return {"name": raw.get("Name"), "field_selectors": fields}


def _trail(record: Record) -> Document:
    trail = record.data["Trail"]
    group = trail.get("CloudWatchLogsLogGroupArn")
    config = {
        "home_region": trail.get("HomeRegion", record.region),
        "is_multi_region_trail": bool(trail.get("IsMultiRegionTrail", False)),
        "is_organization_trail": bool(trail.get("IsOrganizationTrail", False)),
        "is_logging": bool((record.data.get("Status") or {}).get("IsLogging", False)),
        "log_file_validation_enabled": bool(trail.get("LogFileValidationEnabled", False)),
        "kms_key_id": trail.get("KmsKeyId"),
        "s3_bucket_name": trail.get("S3BucketName", ""),
        "cloud_watch_logs_log_group_arn": group or None,
        "event_selectors": [_selector(s) for s in record.data.get("EventSelectors", [])],
        "advanced_event_selectors": [
            _advanced(s) for s in record.data.get("AdvancedEventSelectors", [])
        ],
    }
    return resource(
        "aws_cloudtrail_trail",
        trail["TrailARN"],
        trail["Name"],
        record.region,
        config,
        tags=tag_map(record.data.get("Tags")),
        unknown=unknown_fields(record.failed, TRAIL_FIELDS),
    )


def _key(record: Record) -> Document:
    meta = record.data.get("KeyMetadata") or {}
    aliases = record.data.get("Aliases", [])
    key_id = record.data["KeyId"]
    state = meta.get("KeyState", "Enabled")
    config = {
        "key_id": key_id,
        "key_manager": meta.get("KeyManager", "CUSTOMER"),
        "key_spec": meta.get("KeySpec") or meta.get("CustomerMasterKeySpec") or "SYMMETRIC_DEFAULT",
        "key_usage": meta.get("KeyUsage", "ENCRYPT_DECRYPT"),
        "key_state": state if state in _KEY_STATES else "Unavailable",
        "origin": meta.get("Origin", "AWS_KMS"),
        "rotation_enabled": record.data.get("RotationEnabled"),
        "rotation_period_in_days": record.data.get("RotationPeriodInDays"),
    }
    name = aliases[0].removeprefix("alias/") if aliases else key_id
    return resource(
        "aws_kms_key",
        record.data["KeyArn"],
        name,
        record.region,
        config,
        unknown=unknown_fields(record.failed, KEY_FIELDS),
    )
