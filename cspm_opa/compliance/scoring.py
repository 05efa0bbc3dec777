"""Control status per framework and account, and the posture score.

Control status, over the accounts in scope for the framework:
  FAIL            any mapped check fails on any resource;
  UNKNOWN         none fails, but some result is UNKNOWN (data was not collected);
  PASS            every result passes (WAIVED counts as passing: the risk was accepted);
  NOT_APPLICABLE  checks exist, but nothing in scope was checked;
  MANUAL          no automated check covers the control.
``assessed`` counts PASS, FAIL and UNKNOWN controls, so missing data lowers the
percentage instead of hiding; ``percent = 100 * passing / assessed``.

Posture score (0-100), reproducible from the scan result alone:
``round(100 * sum(w for passing results) / sum(w for all results))`` where each PASS,
FAIL, UNKNOWN or WAIVED result weighs ``severity weight x account criticality weight``:
severity CRITICAL 10, HIGH 5, MEDIUM 3, LOW 1, INFO 0; criticality low 1, medium 2,
high 3, critical 4. PASS and WAIVED count as passing. Worked example in docs/scoring.md.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from cspm_opa.compliance.catalogs import framework
from cspm_opa.model import Finding, Policy, Severity, Status
from cspm_opa.scope import CRITICALITY_WEIGHTS, AccountProfile

__all__ = ["SEVERITY_WEIGHTS", "compliance_summary", "control_status", "posture_score"]

SEVERITY_WEIGHTS = {
    Severity.CRITICAL: 10,
    Severity.HIGH: 5,
    Severity.MEDIUM: 3,
    Severity.LOW: 1,
    Severity.INFO: 0,
}

_PASSING = (Status.PASS, Status.WAIVED)
_ASSESSED = ("PASS", "FAIL", "UNKNOWN")


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


def _tally(statuses: Sequence[str]) -> dict[str, Any]:
    passing = sum(s == "PASS" for s in statuses)
    assessed = sum(s in _ASSESSED for s in statuses)
    return {
        "passing": passing,
        "assessed": assessed,
        "percent": round(100 * passing / assessed, 1) if assessed else None,
    }


def compliance_summary(
    policies: Sequence[Policy],
    findings: Iterable[Finding],
    profiles: Sequence[AccountProfile],
) -> dict[str, dict[str, Any]]:
    """Per framework in scope: every control's status, and the share passing, overall and
    per account. Only accounts whose profile lists the framework count towards it."""
    results: dict[tuple[str, str], list[Status]] = defaultdict(list)
    for f in findings:
        results[(f.policy_id, f.resource.account)].append(f.status)
    mapped: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for policy in policies:
        for ref in policy.compliance:
            mapped[ref.framework][ref.control].append(policy.id)
    out: dict[str, dict[str, Any]] = {}
    keys = sorted({k for p in profiles for k in p.compliance})
    for key in keys:
        fw = framework(key)
        accounts = [
            p.account for p in profiles if key in p.compliance and fw.provider in (None, p.provider)
        ]
        if not accounts:
            continue
        rows: list[dict[str, Any]] = []
        per_account: dict[str, list[str]] = {a: [] for a in accounts}
        for control in fw.controls:
            ids = sorted(mapped[key].get(control.id, []))
            if not ids:
                status = "MANUAL"
                for account_statuses in per_account.values():
                    account_statuses.append(status)
            else:
                for account in accounts:
                    per_account[account].append(
                        control_status(s for pid in ids for s in results.get((pid, account), ()))
                    )
                status = control_status(
                    s for pid in ids for a in accounts for s in results.get((pid, a), ())
                )
            rows.append({"id": control.id, "title": control.title, "status": status,
                         "policies": ids})  # fmt: skip
        statuses: list[str] = [r["status"] for r in rows]
        out[key] = {
            "title": fw.title,
            "version": fw.version,
            "label": fw.label,
            "controls": rows,
            "total": len(rows),
            "manual": statuses.count("MANUAL"),
            "not_applicable": statuses.count("NOT_APPLICABLE"),
            **_tally(statuses),
            "accounts": {a: _tally(s) for a, s in per_account.items()},
        }
    return out


def posture_score(
    findings: Iterable[Finding], criticality: Mapping[str, str] | None = None
) -> int | None:
    """The weighted share of passing results, 0 to 100 (see the module docs).

    ``criticality`` maps account ids to low/medium/high/critical (default medium).
    """
    criticality = criticality or {}
    total = passed = 0
    for finding in findings:
        weight = (
            SEVERITY_WEIGHTS[finding.severity]
            * CRITICALITY_WEIGHTS[criticality.get(finding.resource.account, "medium")]
        )
        total += weight
        if finding.status in _PASSING:
            passed += weight
    if total == 0:
        return None
    return round(100 * passed / total)
