"""GCP-VPC-003 and GCP-VPC-004: disable a VPC firewall rule that admits SSH or RDP from
0.0.0.0/0 (Compute Engine ``PATCH .../global/firewalls/{rule}`` with ``disabled: true``,
then the operation is waited on). Disabling keeps the rule for review, where deleting
would lose it; its other ports close with it, which the plan says."""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from cspm_opa.remediate._model import Action, Options, Step

PROVIDER = "gcp"
POLICIES = frozenset({"GCP-VPC-003", "GCP-VPC-004"})
ACTION = "compute:firewalls.patch"
OPERATION_WAIT = 120.0
"""Seconds to wait for the patch operation to be DONE."""


def _project_and_rule(resource_id: str) -> tuple[str, str]:
    parts = resource_id.removeprefix("//compute.googleapis.com/").split("/")
    if len(parts) != 5 or parts[0] != "projects" or parts[3] != "firewalls":
        raise ValueError(f"not a firewall rule id: {resource_id}")
    return parts[1], parts[4]


def plan(finding: Mapping[str, Any], conn: Any, options: Options) -> list[Step]:
    project, rule = _project_and_rule(str(finding["resource"]["id"]))
    params = {"project": project, "firewall": rule, "body": {"disabled": True}}
    return [Step(ACTION, "global", params)]


def _url(action: Action, conn: Any, tail: str = "") -> str:
    p = action.params
    path = f"/compute/v1/projects/{quote(p['project'])}/global/firewalls/{quote(p['firewall'])}"
    return str(conn.url("compute", path + tail))


def read(action: Action, conn: Any) -> Any:
    rule = conn.call("GET", _url(action, conn))
    return {"disabled": bool(rule.get("disabled")), "sourceRanges": rule.get("sourceRanges"),
            "allowed": rule.get("allowed")}  # fmt: skip


def perform(action: Action, conn: Any) -> None:
    operation = conn.call("PATCH", _url(action, conn), action.params["body"])
    deadline = time.monotonic() + OPERATION_WAIT
    while operation.get("status") != "DONE":
        if time.monotonic() > deadline:
            raise TimeoutError(f"operation {operation.get('name')} not DONE after "
                               f"{OPERATION_WAIT:g}s")  # fmt: skip
        time.sleep(1)
        # The operation's own selfLink names the public host: ask the same endpoint.
        path = (f"/compute/v1/projects/{quote(action.params['project'])}/global/operations/"
                f"{quote(str(operation.get('name')))}")  # fmt: skip
        operation = conn.call("GET", conn.url("compute", path))
    errors = (operation.get("error") or {}).get("errors")
    if errors:
        raise RuntimeError(f"operation {operation.get('name')} failed: {errors}")


def fixed(action: Action, state: Any) -> bool:
    return bool(state["disabled"])
