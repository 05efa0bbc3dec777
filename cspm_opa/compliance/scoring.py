"""Control status and posture score.

A control mapped to checks is FAIL when any of its checks fails on any resource,
UNKNOWN when none fails but some result is UNKNOWN, PASS when every result passes (a
WAIVED result counts as passing: the risk was accepted), and NOT_APPLICABLE when no
resource in scope was checked. ``assessed`` counts PASS, FAIL and UNKNOWN controls, so
missing data lowers the percentage instead of hiding.

Posture score: ``round(100 * W_pass / W_all)``, where each PASS, FAIL or UNKNOWN result
weighs its severity (CRITICAL 10, HIGH 5, MEDIUM 3, LOW 1, INFO 0) and only PASS and
WAIVED count towards ``W_pass``. Example: 8 HIGH passes, 2 HIGH failures and 1 CRITICAL
failure give 100 * 40 / (40 + 10 + 10) = 66.7, so 67. ``None`` when nothing was weighed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from cspm_opa.model import Finding, Policy, Severity, Status

__all__ = ["SEVERITY_WEIGHTS", "compliance_summary", "control_status", "posture_score"]

SEVERITY_WEIGHTS = {
    Severity.CRITICAL: 10,
    Severity.HIGH: 5,
    Severity.MEDIUM: 3,
    Severity.LOW: 1,
    Severity.INFO: 0,
}

_PASSING = (Status.PASS, Status.WAIVED)


def control_status(statuses: Iterable[Status]) -> str:
    """Fold the results of a control's checks into the control's status."""
    seen = set(statuses)
    if not seen:
        return "NOT_APPLICABLE"
    if Status.FAIL in seen:
        return "FAIL"
    if Status.UNKNOWN in seen:
        return "UNKNOWN"
    return "PASS"


def compliance_summary(
    policies: Sequence[Policy], findings: Iterable[Finding]
) -> dict[str, dict[str, Any]]:
    """Per framework: each mapped control's status and the share of controls passing."""
    by_policy: dict[str, list[Status]] = defaultdict(list)
    for finding in findings:
        by_policy[finding.policy_id].append(finding.status)
    controls: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for policy in policies:
        for ref in policy.compliance:
            controls[ref.framework][ref.control].append(policy.id)
    out: dict[str, dict[str, Any]] = {}
    for framework in sorted(controls):
        rows = []
        for control in sorted(controls[framework], key=_control_key):
            ids = sorted(controls[framework][control])
            status = control_status(s for pid in ids for s in by_policy.get(pid, ()))
            rows.append({"id": control, "status": status, "policies": ids})
        passing = sum(r["status"] == "PASS" for r in rows)
        assessed = sum(r["status"] in ("PASS", "FAIL", "UNKNOWN") for r in rows)
        out[framework] = {
            "controls": rows,
            "passing": passing,
            "assessed": assessed,
            "percent": round(100 * passing / assessed, 1) if assessed else None,
        }
    return out


def posture_score(findings: Iterable[Finding]) -> int | None:
    """The severity-weighted share of passing results, 0 to 100 (see module docs)."""
    total = passed = 0
    for finding in findings:
        weight = SEVERITY_WEIGHTS[finding.severity]
        total += weight
        if finding.status in _PASSING:
            passed += weight
    if total == 0:
        return None
    return round(100 * passed / total)


def _control_key(control: str) -> tuple[Any, ...]:
    return tuple(int(p) if p.isdigit() else p for p in control.replace("CC", "CC.").split("."))
