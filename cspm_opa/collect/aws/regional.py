"""Per-region security services: AWS Config recorders, GuardDuty detectors, Security Hub,
IAM Access Analyzer. All of them feed ``aws_region_settings``."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from cspm_opa.collect.aws.api import Api, CallFailed
from cspm_opa.collect.aws.runner import Outcome, Unit
from cspm_opa.collect.aws.units import failed_record, listing_unit, try_call
from cspm_opa.normalize.aws import Record

__all__ = ["regional_units"]


def regional_units(region: str, only: Collection[str] | None = None) -> list[Unit]:
    """Every unit, or those of the record kinds in ``only`` (a change event's needs)."""
    units = [
        Unit("config", region, (), lambda api: _config(api, region)),
        Unit("guardduty", region, (), lambda api: _guardduty(api, region)),
        Unit("securityhub", region, (), lambda api: _security_hub(api, region)),
        listing_unit(
            "accessanalyzer",
            region,
            "list_analyzers",
            "analyzers",
            kind="accessanalyzer.analyzers",
            resource_types=(),
        ),
    ]
    kinds = ("config.recorders", "guardduty.detectors", "securityhub.hub",
             "accessanalyzer.analyzers")  # fmt: skip
    return [u for k, u in zip(kinds, units, strict=True) if only is None or k in only]


def _config(api: Api, region: str) -> Outcome:
    failed: dict[str, str] = {}
    recorders = try_call(api, failed, "config", region, "describe_configuration_recorders")
    if recorders is None:
        return Outcome(records=[Record("config.recorders", region, {}, failed)])
    statuses = try_call(api, failed, "config", region, "describe_configuration_recorder_status")
    data = {
        "ConfigurationRecorders": recorders.get("ConfigurationRecorders", []),
        "ConfigurationRecordersStatus": (statuses or {}).get("ConfigurationRecordersStatus", []),
    }
    return Outcome(records=[Record("config.recorders", region, data, failed)])


def _guardduty(api: Api, region: str) -> Outcome:
    try:
        ids = api.pages("guardduty", region, "list_detectors", "DetectorIds")
    except CallFailed as exc:
        return Outcome(records=[failed_record("guardduty.detectors", region, exc)])
    failed: dict[str, str] = {}
    detectors: list[dict[str, Any]] = []
    for detector_id in ids:
        found = try_call(api, failed, "guardduty", region, "get_detector", DetectorId=detector_id)
        if found is not None:
            detectors.append({"DetectorId": detector_id, "Status": found.get("Status")})
    return Outcome(
        records=[Record("guardduty.detectors", region, {"Detectors": detectors}, failed)]
    )


def _security_hub(api: Api, region: str) -> Outcome:
    try:
        # InvalidAccessException: "Account is not subscribed to AWS Security Hub".
        hub = api.call("securityhub", region, "describe_hub", absent=("InvalidAccessException",))
    except CallFailed as exc:
        return Outcome(records=[failed_record("securityhub.hub", region, exc)])
    return Outcome(records=[Record("securityhub.hub", region, {"Enabled": hub is not None})])
