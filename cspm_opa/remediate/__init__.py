"""Opt-in remediation: the one part of cspm-opa that writes to a cloud.

Nothing changes unless asked twice: :func:`plan_remediation` turns a scan result's FAIL
findings into the exact API calls that would fix them (a dry run), and only
:func:`apply_remediation` makes those calls, each read back to confirm it and written to
a JSON Lines audit log. One small module per action (``aws_*``, ``azure_*``, ``gcp_*``);
:mod:`.registry` says which fixes which check. The collectors stay read-only.
::

    plan = plan_remediation(result, policy_ids=["AWS-EBS-001"])
    print(plan.to_list())                       # what would be called, and what is skipped
    apply_remediation(plan, audit_log="remediation.jsonl")
"""

from __future__ import annotations

from cspm_opa.remediate._model import Action, Options
from cspm_opa.remediate.apply import apply_remediation
from cspm_opa.remediate.audit import AuditLog
from cspm_opa.remediate.auto import new_fails, remediate_new_fails
from cspm_opa.remediate.clouds import Clouds
from cspm_opa.remediate.plan import NEVER_TAG, Plan, plan_remediation
from cspm_opa.remediate.registry import REMEDIABLE

__all__ = [
    "NEVER_TAG",
    "REMEDIABLE",
    "Action",
    "AuditLog",
    "Clouds",
    "Options",
    "Plan",
    "apply_remediation",
    "new_fails",
    "plan_remediation",
    "remediate_new_fails",
]
