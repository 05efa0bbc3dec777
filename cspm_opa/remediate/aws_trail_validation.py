"""AWS-CLOUDTRAIL-002: turn on log file validation (CloudTrail UpdateTrail), called in
the trail's home region, the region of its ARN: a multi-region trail can only be
updated there."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cspm_opa.remediate._model import Action, Options, Step

PROVIDER = "aws"
POLICIES = frozenset({"AWS-CLOUDTRAIL-002"})
ACTION = "cloudtrail:UpdateTrail"


def home_region(arn: str, fallback: str) -> str:
    """``arn:aws:cloudtrail:<home region>:<account>:trail/<name>``."""
    parts = arn.split(":")
    return parts[3] if len(parts) > 5 and parts[2] == "cloudtrail" and parts[3] else fallback


def plan(finding: Mapping[str, Any], conn: Any, options: Options) -> list[Step]:
    resource = finding["resource"]
    arn = str(resource["id"])
    region = home_region(arn, resource.get("region") or "us-east-1")
    return [Step(ACTION, region, {"Name": arn, "EnableLogFileValidation": True})]


def read(action: Action, conn: Any) -> Any:
    client = conn.client("cloudtrail", action.region)
    name = action.params["Name"]
    found = client.describe_trails(trailNameList=[name])["trailList"]
    trail = next((t for t in found if name in (t.get("TrailARN"), t.get("Name"))), None)
    if trail is None:
        raise LookupError(f"no trail {name} in {action.region}")
    return {"LogFileValidationEnabled": bool(trail.get("LogFileValidationEnabled"))}


def perform(action: Action, conn: Any) -> None:
    conn.client("cloudtrail", action.region).update_trail(**action.params)


def fixed(action: Action, state: Any) -> bool:
    return bool(state["LogFileValidationEnabled"])
