"""CloudTrail trails with status and event selectors, and KMS keys with rotation (per region)."""

from __future__ import annotations

from typing import Any

from cspm_opa.collect.aws.api import Api, CallFailed
from cspm_opa.collect.aws.runner import Outcome, Unit
from cspm_opa.collect.aws.units import listing_failed, try_call
from cspm_opa.normalize.aws import Record

__all__ = ["trail_units"]

TRAILS = ("aws_cloudtrail_trail",)
KEYS = ("aws_kms_key",)


def trail_units(region: str) -> list[Unit]:
    return [
        Unit("cloudtrail", region, TRAILS, lambda api: _trails(api, region)),
        Unit("kms", region, KEYS, lambda api: _keys(api, region)),
    ]


def _trails(api: Api, region: str) -> Outcome:
    try:
        found = api.call("cloudtrail", region, "describe_trails", includeShadowTrails=False)
    except CallFailed as exc:
        return listing_failed("cloudtrail", region, exc, TRAILS)
    records = []
    # Each trail is read in its home region, where its status and selectors live.
    for trail in (found or {}).get("trailList", []):
        if trail.get("HomeRegion", region) != region:
            continue
        arn = trail["TrailARN"]
        failed: dict[str, str] = {}
        status = try_call(api, failed, "cloudtrail", region, "get_trail_status", Name=arn)
        selectors = try_call(
            api, failed, "cloudtrail", region, "get_event_selectors", TrailName=arn
        )
        data: dict[str, Any] = {
            "Trail": trail,
            "Status": status or {},
            "EventSelectors": (selectors or {}).get("EventSelectors", []),
            "AdvancedEventSelectors": (selectors or {}).get("AdvancedEventSelectors", []),
        }
        records.append(Record("cloudtrail.trail", region, data, failed))
    return Outcome(records=records)


def _keys(api: Api, region: str) -> Outcome:
    try:
        keys = api.pages("kms", region, "list_keys", "Keys")
    except CallFailed as exc:
        return listing_failed("kms", region, exc, KEYS)
    aliases: dict[str, list[str]] = {}
    try:
        for alias in api.pages("kms", region, "list_aliases", "Aliases"):
            if alias.get("TargetKeyId"):
                aliases.setdefault(alias["TargetKeyId"], []).append(alias["AliasName"])
    except CallFailed:
        pass  # aliases only name keys; without them a key is named by its id
    return Outcome(
        followups=[_key_unit(k, sorted(aliases.get(k["KeyId"], [])), region) for k in keys]
    )


def _key_unit(key: dict[str, Any], aliases: list[str], region: str) -> Unit:
    def run(api: Api) -> Outcome:
        failed: dict[str, str] = {}
        data: dict[str, Any] = {"KeyId": key["KeyId"], "KeyArn": key["KeyArn"], "Aliases": aliases}
        described = try_call(api, failed, "kms", region, "describe_key", KeyId=key["KeyId"])
        meta = (described or {}).get("KeyMetadata") or {}
        data["KeyMetadata"] = meta
        data["RotationEnabled"] = None
        data["RotationPeriodInDays"] = None
        # Rotation applies to enabled symmetric keys whose material AWS KMS made; asking
        # about any other key only earns an UnsupportedOperationException.
        if (
            meta.get("KeySpec", meta.get("CustomerMasterKeySpec")) == "SYMMETRIC_DEFAULT"
            and meta.get("Origin") == "AWS_KMS"
            and meta.get("KeyState") == "Enabled"
        ):
            rotation = try_call(
                api,
                failed,
                "kms",
                region,
                "get_key_rotation_status",
                absent=("UnsupportedOperationException", "KMSInvalidStateException"),
                KeyId=key["KeyId"],
            )
            if rotation is not None:
                data["RotationEnabled"] = bool(rotation.get("KeyRotationEnabled"))
                data["RotationPeriodInDays"] = rotation.get("RotationPeriodInDays")
        return Outcome(records=[Record("kms.key", region, data, failed)])

    return Unit("kms", region, KEYS, run)
