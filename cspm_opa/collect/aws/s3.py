"""S3 (global listing, regional details): every bucket with its policy, policy status,
public access block, encryption, versioning, logging, ACL and tags."""

from __future__ import annotations

from typing import Any

from cspm_opa.collect.aws.api import Api, CallFailed
from cspm_opa.collect.aws.runner import Outcome, Unit
from cspm_opa.collect.aws.units import listing_failed, try_call
from cspm_opa.normalize.aws import Record

__all__ = ["bucket_region", "bucket_unit", "s3_units"]

GLOBAL = "global"
TYPES = ("aws_s3_bucket",)

# (method, response keys kept, error codes that mean "not configured").
DETAILS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("get_bucket_policy", ("Policy",), ("NoSuchBucketPolicy",)),
    ("get_bucket_policy_status", ("PolicyStatus",), ("NoSuchBucketPolicy",)),
    (
        "get_public_access_block",
        ("PublicAccessBlockConfiguration",),
        ("NoSuchPublicAccessBlockConfiguration",),
    ),
    (
        "get_bucket_encryption",
        ("ServerSideEncryptionConfiguration",),
        ("ServerSideEncryptionConfigurationNotFoundError",),
    ),
    ("get_bucket_versioning", ("Status", "MFADelete"), ()),
    ("get_bucket_logging", ("LoggingEnabled",), ()),
    ("get_bucket_acl", ("Grants",), ()),
    ("get_bucket_tagging", ("TagSet",), ("NoSuchTagSet",)),
)


def bucket_region(location: str | None) -> str:
    """GetBucketLocation's LocationConstraint as a region name (None is us-east-1)."""
    if not location:
        return "us-east-1"
    return "eu-west-1" if location == "EU" else location


def s3_units(home: str) -> list[Unit]:
    return [Unit("s3", GLOBAL, TYPES, lambda api: _buckets(api, home))]


def bucket_unit(name: str, home: str) -> Unit:
    """One named bucket (a change event's), read without listing the account's buckets.
    A bucket that no longer exists yields no record: the caller sees it gone."""

    def run(api: Api) -> Outcome:
        try:
            located = api.call(
                "s3", home, "get_bucket_location", absent=("NoSuchBucket",), Bucket=name
            )
        except CallFailed:
            # Read on where we can; the detail calls record what failed.
            return _bucket_unit({"Name": name}, home).run(api)
        if located is None:
            return Outcome()
        region = bucket_region(located.get("LocationConstraint"))
        return _bucket_unit({"Name": name, "BucketRegion": region}, home).run(api)

    return Unit("s3", GLOBAL, TYPES, run)


def _buckets(api: Api, home: str) -> Outcome:
    try:
        buckets = api.pages("s3", home, "list_buckets", "Buckets")
    except CallFailed as exc:
        return listing_failed("s3", GLOBAL, exc, TYPES)
    return Outcome(followups=[_bucket_unit(b, home) for b in buckets])


def _bucket_unit(bucket: dict[str, Any], home: str) -> Unit:
    name = bucket["Name"]

    def run(api: Api) -> Outcome:
        failed: dict[str, str] = {}
        region = bucket.get("BucketRegion")
        if not region:
            located = try_call(api, failed, "s3", home, "get_bucket_location", Bucket=name)
            region = bucket_region((located or {}).get("LocationConstraint")) if located else home
        data: dict[str, Any] = {"Name": name, "CreationDate": bucket.get("CreationDate")}
        for method, keys, absent in DETAILS:
            response = try_call(api, failed, "s3", region, method, absent=absent, Bucket=name)
            if method == "get_bucket_versioning":
                data["Versioning"] = {k: (response or {}).get(k) for k in keys}
                continue
            for key in keys:
                data[key] = (response or {}).get(key)
        return Outcome(records=[Record("s3.bucket", region, data, failed)])

    return Unit("s3", GLOBAL, TYPES, run)
