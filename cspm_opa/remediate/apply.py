"""Applying a plan: for each planned call, read the setting, make the call, read it
again to confirm, and write the audit record. One call failing does not stop the
others; the plan then says which failed and why."""

from __future__ import annotations

import os
from typing import Any

from cspm_opa.remediate._model import Action
from cspm_opa.remediate.audit import AuditLog
from cspm_opa.remediate.clouds import Clouds, Unreachable
from cspm_opa.remediate.plan import Plan, _short
from cspm_opa.remediate.registry import module_for

__all__ = ["apply_remediation"]


def apply_remediation(
    plan: Plan,
    audit_log: AuditLog | str | os.PathLike[str],
    *,
    clouds: Clouds | None = None,
) -> Plan:
    """Make ``plan``'s pending calls, each audited and confirmed by a re-read.

    An action whose setting is already as wanted is skipped (no call, no record). A call
    that raises, or whose re-read does not show the change, sets the action's ``error``.
    """
    log = audit_log if isinstance(audit_log, AuditLog) else AuditLog(audit_log)
    clouds = clouds or Clouds()
    for action in plan.actions:
        if action.pending:
            _apply_one(action, clouds, log)
    plan.applied = True
    return plan


def _apply_one(action: Action, clouds: Clouds, log: AuditLog) -> None:
    module = module_for(action.policy_id)
    if module is None:  # a plan built by hand
        action.error = f"no remediation for {action.policy_id}"
        return
    try:
        conn = clouds.connect(action.provider, action.account)
        before = module.read(action, conn)
    except Unreachable as exc:
        action.error = str(exc)
        return
    except Exception as exc:
        action.error = f"cannot read the resource before the change: {_short(exc)}"
        return
    if module.fixed(action, before):
        action.skipped = "already as wanted when read before the call: no change made"
        return
    after: Any = None
    try:
        module.perform(action, conn)
    except Exception as exc:
        action.error = f"{action.action} failed: {_short(exc)}"
    else:
        try:
            after = module.read(action, conn)
        except Exception as exc:
            action.error = f"the call was made but the re-read failed: {_short(exc)}"
        else:
            if module.fixed(action, after):
                action.applied = True
            else:
                action.error = "the call was made but the re-read does not show the change"
    log.write(action, who=conn.who, before=before, after=after)
