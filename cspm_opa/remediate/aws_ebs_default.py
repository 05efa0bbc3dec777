"""AWS-EBS-001: turn on EBS encryption by default in the finding's region
(EC2 EnableEbsEncryptionByDefault, a per-region setting)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cspm_opa.remediate._model import Action, Options, Step

PROVIDER = "aws"
POLICIES = frozenset({"AWS-EBS-001"})
ACTION = "ec2:EnableEbsEncryptionByDefault"


def plan(finding: Mapping[str, Any], conn: Any, options: Options) -> list[Step]:
    resource = finding["resource"]
    region = resource.get("region") or str(resource["id"]).rpartition("/")[2]
    return [Step(ACTION, region, {})]


def read(action: Action, conn: Any) -> Any:
    found = conn.client("ec2", action.region).get_ebs_encryption_by_default()
    return {"EbsEncryptionByDefault": bool(found["EbsEncryptionByDefault"])}


def perform(action: Action, conn: Any) -> None:
    conn.client("ec2", action.region).enable_ebs_encryption_by_default()


def fixed(action: Action, state: Any) -> bool:
    return bool(state["EbsEncryptionByDefault"])
