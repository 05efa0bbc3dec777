"""Remediation after a scan, for ``cspm-opa event --remediate`` and ``watch --remediate``:
the same actions, on the new FAILs of the listed checks only."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from cspm_opa.errors import ConfigError
from cspm_opa.remediate._model import Options
from cspm_opa.remediate.apply import apply_remediation
from cspm_opa.remediate.audit import AuditLog
from cspm_opa.remediate.clouds import Clouds
from cspm_opa.remediate.plan import Plan, plan_remediation
from cspm_opa.remediate.registry import REMEDIABLE

if TYPE_CHECKING:
    from cspm_opa.scope import Scope

__all__ = ["new_fails", "parse_policy_list", "remediate_new_fails"]


def parse_policy_list(value: str) -> tuple[str, ...]:
    """``--remediate POLICY_ID,...``: ids remediation can fix, else an error naming them."""
    ids = tuple(dict.fromkeys(v.strip() for v in value.split(",") if v.strip()))
    if not ids:
        raise ConfigError("--remediate needs one or more check ids, comma-separated")
    unknown = [i for i in ids if i not in REMEDIABLE]
    if unknown:
        raise ConfigError(
            f"--remediate: no remediation for {', '.join(unknown)} "
            f"(remediable: {', '.join(REMEDIABLE)})"
        )
    return ids


def new_fails(result: Mapping[str, Any]) -> list[str]:
    """The uids of FAILs that are new: the store's delta (new and regressed) when the
    result was recorded, else every FAIL of the result."""
    findings = result.get("findings") or []
    fails = [str(f["uid"]) for f in findings if f.get("status") == "FAIL"]
    delta = result.get("delta")
    if delta is None:
        return fails
    fresh = {*delta.get("new", ()), *delta.get("regressed", ())}
    return [uid for uid in fails if uid in fresh]


def remediate_new_fails(
    result: Mapping[str, Any],
    policy_ids: Sequence[str],
    *,
    audit_log: AuditLog | str | os.PathLike[str],
    clouds: Clouds | None = None,
    scope: Scope | None = None,
    options: Options | None = None,
) -> Plan:
    """Plan and apply the listed checks' actions for ``result``'s new FAILs."""
    wanted = set(policy_ids)
    by_uid = {f["uid"]: f for f in result.get("findings") or ()}
    uids = [u for u in new_fails(result) if by_uid[u].get("policy_id") in wanted]
    if not uids:
        return Plan(applied=True)
    plan = plan_remediation(result, findings=uids, clouds=clouds, scope=scope, options=options)
    return apply_remediation(plan, audit_log=audit_log, clouds=clouds)
