"""S3: a bucket document from the bucket's detail responses."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cspm_opa.normalize.aws.common import (
    Document,
    policy_document,
    resource,
    tag_map,
    unknown_fields,
)
from cspm_opa.normalize.aws.facts import Record

__all__ = ["BUCKET_FIELDS", "bucket_document"]

# Which config fields each per-bucket call feeds (tags are not config: a failed
# GetBucketTagging only leaves the document without tags).
BUCKET_FIELDS: dict[str, tuple[str, ...]] = {
    "GetBucketPolicy": ("policy",),
    "GetBucketPolicyStatus": ("policy_is_public",),
    "GetPublicAccessBlock": ("public_access_block",),
    "GetBucketEncryption": ("encryption",),
    "GetBucketVersioning": ("versioning",),
    "GetBucketLogging": ("logging",),
    "GetBucketAcl": ("acl_grants",),
}

_SSE = {"AES256", "aws:kms", "aws:kms:dsse"}


def _encryption(raw: Mapping[str, Any] | None) -> dict[str, Any] | None:
    for rule in (raw or {}).get("Rules", []):
        default = rule.get("ApplyServerSideEncryptionByDefault") or {}
        algorithm = default.get("SSEAlgorithm")
        if algorithm in _SSE:
            return {"sse_algorithm": algorithm, "kms_key_id": default.get("KMSMasterKeyID")}
    return None


def _block(raw: Mapping[str, Any] | None) -> dict[str, bool] | None:
    if not raw:
        return None
    return {
        "block_public_acls": bool(raw.get("BlockPublicAcls", False)),
        "ignore_public_acls": bool(raw.get("IgnorePublicAcls", False)),
        "block_public_policy": bool(raw.get("BlockPublicPolicy", False)),
        "restrict_public_buckets": bool(raw.get("RestrictPublicBuckets", False)),
    }


def _grants(raw: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "grantee_uri": (g.get("Grantee") or {}).get("URI"),
            "grantee_id": (g.get("Grantee") or {}).get("ID"),
            "permission": str(g.get("Permission", "")),
        }
        for g in raw
    ]


def bucket_document(record: Record, partition: str = "aws") -> Document:
    """The ``aws_s3_bucket`` document of one bucket record."""
    data = record.data
    name = data["Name"]
    versioning = data.get("Versioning") or {}
    status = versioning.get("Status")
    logging = data.get("LoggingEnabled")
    status_raw = data.get("PolicyStatus")
    config = {
        "policy": policy_document(data.get("Policy")),
        "policy_is_public": None if not status_raw else bool(status_raw.get("IsPublic", False)),
        "public_access_block": _block(data.get("PublicAccessBlockConfiguration")),
        "encryption": _encryption(data.get("ServerSideEncryptionConfiguration")),
        "versioning": {
            "status": status if status in ("Enabled", "Suspended") else "Disabled",
            "mfa_delete": versioning.get("MFADelete") == "Enabled",
        },
        "logging": None
        if not logging
        else {
            "target_bucket": str(logging.get("TargetBucket", "")),
            "target_prefix": str(logging.get("TargetPrefix", "")),
        },
        "acl_grants": _grants(data.get("Grants", [])),
    }
    return resource(
        "aws_s3_bucket",
        f"arn:{partition}:s3:::{name}",
        name,
        record.region,
        config,
        tags=tag_map(data.get("TagSet")),
        unknown=unknown_fields(record.failed, BUCKET_FIELDS),
    )
