"""AWS-S3-002: turn on a bucket's four Block Public Access settings (S3
PutPublicAccessBlock, called in the bucket's region)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cspm_opa.remediate._model import Action, Options, Step
from cspm_opa.remediate.aws_s3_account import ALL_ON

PROVIDER = "aws"
POLICIES = frozenset({"AWS-S3-002"})
ACTION = "s3:PutPublicAccessBlock"


def plan(finding: Mapping[str, Any], conn: Any, options: Options) -> list[Step]:
    resource = finding["resource"]
    bucket = resource.get("name") or str(resource["id"]).removeprefix("arn:aws:s3:::")
    params = {"Bucket": bucket, "PublicAccessBlockConfiguration": dict(ALL_ON)}
    return [Step(ACTION, resource.get("region") or "us-east-1", params)]


def read(action: Action, conn: Any) -> Any:
    client = conn.client("s3", action.region)
    try:
        found = client.get_public_access_block(Bucket=action.params["Bucket"])
    except client.exceptions.ClientError as exc:
        if exc.response.get("Error", {}).get("Code") == "NoSuchPublicAccessBlockConfiguration":
            return None
        raise
    return found["PublicAccessBlockConfiguration"]


def perform(action: Action, conn: Any) -> None:
    conn.client("s3", action.region).put_public_access_block(**action.params)


def fixed(action: Action, state: Any) -> bool:
    return isinstance(state, dict) and all(state.get(k) for k in ALL_ON)
