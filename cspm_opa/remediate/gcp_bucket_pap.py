"""GCP-STORAGE-001: enforce public access prevention on a bucket (Cloud Storage JSON API
``PATCH /storage/v1/b/{bucket}`` with ``iamConfiguration.publicAccessPrevention:
enforced``), which blocks every allUsers and allAuthenticatedUsers grant of its IAM
policy and ACLs."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from cspm_opa.remediate._model import Action, Options, Step

PROVIDER = "gcp"
POLICIES = frozenset({"GCP-STORAGE-001"})
ACTION = "storage:buckets.patch"
BODY = {"iamConfiguration": {"publicAccessPrevention": "enforced"}}


def plan(finding: Mapping[str, Any], conn: Any, options: Options) -> list[Step]:
    resource = finding["resource"]
    bucket = str(resource["id"]).removeprefix("//storage.googleapis.com/")
    params = {"bucket": bucket, "body": BODY}
    return [Step(ACTION, str(resource.get("region") or "global"), params)]


def _url(action: Action, conn: Any) -> str:
    return str(conn.url("storage", f"/storage/v1/b/{quote(action.params['bucket'], safe='')}"))


def read(action: Action, conn: Any) -> Any:
    bucket = conn.call("GET", _url(action, conn))
    return {"iamConfiguration": {
        "publicAccessPrevention": (bucket.get("iamConfiguration") or {}).get(
            "publicAccessPrevention")}}  # fmt: skip


def perform(action: Action, conn: Any) -> None:
    conn.call("PATCH", _url(action, conn), action.params["body"])


def fixed(action: Action, state: Any) -> bool:
    return bool(state["iamConfiguration"]["publicAccessPrevention"] == "enforced")
