"""AWS-KMS-001: turn on automatic rotation (KMS EnableKeyRotation), for customer managed
symmetric keys with KMS-made key material only: AWS managed keys rotate on their own,
and asymmetric, HMAC and imported keys cannot rotate automatically. The plan reads the
key (DescribeKey) to hold it to that, whatever the scan result says."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cspm_opa.remediate._model import Action, Options, Step

PROVIDER = "aws"
POLICIES = frozenset({"AWS-KMS-001"})
ACTION = "kms:EnableKeyRotation"


def _region(arn: str, fallback: str) -> str:
    parts = arn.split(":")
    return parts[3] if len(parts) > 5 and parts[3] else fallback


def plan(finding: Mapping[str, Any], conn: Any, options: Options) -> list[Step]:
    resource = finding["resource"]
    key = str(resource["id"])
    region = _region(key, resource.get("region") or "us-east-1")
    params = {"KeyId": key}
    meta = conn.client("kms", region).describe_key(KeyId=key)["KeyMetadata"]
    why = _not_rotatable(meta)
    return [Step(ACTION, region, params, skipped=why)]


def _not_rotatable(meta: Mapping[str, Any]) -> str | None:
    if meta.get("KeyManager") != "CUSTOMER":
        return f"the key is managed by {meta.get('KeyManager')}, not the customer"
    spec = meta.get("KeySpec") or meta.get("CustomerMasterKeySpec")
    if spec != "SYMMETRIC_DEFAULT":
        return f"the key is {spec}: only symmetric keys rotate automatically"
    if meta.get("Origin") != "AWS_KMS":
        return f"the key material comes from {meta.get('Origin')}: rotate it by hand"
    if meta.get("KeyState") != "Enabled":
        return f"the key is {meta.get('KeyState')}, not Enabled"
    return None


def read(action: Action, conn: Any) -> Any:
    client = conn.client("kms", action.region)
    found = client.get_key_rotation_status(KeyId=action.params["KeyId"])
    return {"KeyRotationEnabled": bool(found["KeyRotationEnabled"])}


def perform(action: Action, conn: Any) -> None:
    conn.client("kms", action.region).enable_key_rotation(**action.params)


def fixed(action: Action, state: Any) -> bool:
    return bool(state["KeyRotationEnabled"])
