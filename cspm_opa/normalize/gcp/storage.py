"""Cloud Storage buckets."""

from __future__ import annotations

from cspm_opa.normalize.gcp._common import Asset, Document, as_int, data_of, document

__all__ = ["bucket"]


def bucket(asset: Asset) -> Document:
    """A bucket; ``iam_bindings`` starts empty and is filled from the IAM_POLICY listing."""
    data = data_of(asset)
    iam = data.get("iamConfiguration") or {}
    retention = data.get("retentionPolicy")
    logging = data.get("logging")
    config = {
        "location": str(data.get("location", "")).lower(),
        "storage_class": str(data.get("storageClass", "STANDARD")),
        "uniform_bucket_level_access": bool(
            (iam.get("uniformBucketLevelAccess") or iam.get("bucketPolicyOnly") or {}).get(
                "enabled", False
            )
        ),
        "public_access_prevention": iam.get("publicAccessPrevention"),
        "retention_policy": (
            {
                "retention_period_seconds": as_int(retention.get("retentionPeriod")) or 0,
                "is_locked": bool(retention.get("isLocked", False)),
            }
            if retention
            else None
        ),
        "versioning_enabled": bool((data.get("versioning") or {}).get("enabled", False)),
        "logging": (
            {
                "log_bucket": str(logging.get("logBucket", "")),
                "log_object_prefix": str(logging.get("logObjectPrefix", "")),
            }
            if logging
            else None
        ),
        "default_kms_key_name": (data.get("encryption") or {}).get("defaultKmsKeyName"),
        "acl": [
            {"entity": str(entry.get("entity", "")), "role": str(entry.get("role", ""))}
            for entry in data.get("acl") or ()
        ],
        "iam_bindings": [],
    }
    return document(asset, "google_storage_bucket", config, name=str(data.get("name", "")))
