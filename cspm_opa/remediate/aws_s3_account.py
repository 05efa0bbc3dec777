"""AWS-S3-003: turn on the account's four S3 Block Public Access settings
(S3 Control PutPublicAccessBlock for the account id)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cspm_opa.remediate._model import Action, Options, Step

PROVIDER = "aws"
POLICIES = frozenset({"AWS-S3-003"})
ACTION = "s3control:PutPublicAccessBlock"
ALL_ON = {
    "BlockPublicAcls": True,
    "IgnorePublicAcls": True,
    "BlockPublicPolicy": True,
    "RestrictPublicBuckets": True,
}
HOME = "us-east-1"
"""S3 Control answers account settings in any region; the call goes to this one."""


def plan(finding: Mapping[str, Any], conn: Any, options: Options) -> list[Step]:
    account = finding["resource"]["account"]
    params = {"AccountId": account, "PublicAccessBlockConfiguration": dict(ALL_ON)}
    return [Step(ACTION, HOME, params)]


def read(action: Action, conn: Any) -> Any:
    client = conn.client("s3control", action.region)
    try:
        found = client.get_public_access_block(AccountId=action.params["AccountId"])
    except client.exceptions.NoSuchPublicAccessBlockConfiguration:
        return None
    return found["PublicAccessBlockConfiguration"]


def perform(action: Action, conn: Any) -> None:
    conn.client("s3control", action.region).put_public_access_block(**action.params)


def fixed(action: Action, state: Any) -> bool:
    return isinstance(state, dict) and all(state.get(k) for k in ALL_ON)
