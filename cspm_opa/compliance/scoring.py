"""The posture score; compliance per framework lives in ``summary`` (re-exported here).

Posture score (0-100), reproducible from the scan result alone, per account first:
  1. each check's share of passing results in the account, where a result on an
     internet-exposed resource (its priority's exposure factor) weighs 3 and any other 1;
  2. the account's base: the checks' shares averaged with weight ``severity weight x
     account criticality weight`` (CRITICAL 10, HIGH 5, MEDIUM 3, LOW 1, INFO 0;
     criticality low 1, medium 2, high 3, critical 4), so a thousand passing resources of
     one check count once, as that check;
  3. risk caps the account: a certain CRITICAL attack path through it caps it at 60, a
     certain HIGH path or a FAIL of CRITICAL priority at 70, any other path at 85;
  4. the estate's score is the accounts' scores averaged with the same weights.
PASS and WAIVED count as passing. Worked example in docs/scoring.md.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from cspm_opa.compliance.summary import compliance_summary, control_status
from cspm_opa.model import Finding, Severity, Status
from cspm_opa.scope import CRITICALITY_WEIGHTS

__all__ = ["SEVERITY_WEIGHTS", "compliance_summary", "control_status", "posture_score"]

SEVERITY_WEIGHTS = {
    Severity.CRITICAL: 10,
    Severity.HIGH: 5,
    Severity.MEDIUM: 3,
    Severity.LOW: 1,
    Severity.INFO: 0,
}

_PASSING = (Status.PASS, Status.WAIVED)


EXPOSED_WEIGHT = 3
"""How much a result on an internet-exposed resource weighs within its check."""

PATH_CAPS = {("certain", "CRITICAL"): 60, ("certain", "HIGH"): 70}
OTHER_PATH_CAP = 85
CRITICAL_PRIORITY_CAP = 70


def posture_score(
    findings: Iterable[Finding],
    criticality: Mapping[str, str] | None = None,
    paths: Sequence[Mapping[str, Any]] = (),
) -> int | None:
    """The posture score, 0 to 100 (see the module docs); None when nothing was weighed.

    ``criticality`` maps account ids to low/medium/high/critical (default medium);
    ``paths`` are the scan result's attack paths.
    """
    scores = account_scores(findings, criticality, paths)
    total = sum(weight for _, weight in scores.values())
    if total == 0:
        return None
    return round(sum(score * weight for score, weight in scores.values()) / total)


def account_scores(
    findings: Iterable[Finding],
    criticality: Mapping[str, str] | None = None,
    paths: Sequence[Mapping[str, Any]] = (),
) -> dict[str, tuple[float, int]]:
    """Each account's score (0-100, before rounding) and its weight in the estate's."""
    criticality = criticality or {}
    tallies: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    weights: dict[str, dict[str, int]] = defaultdict(dict)
    critical_fail: set[str] = set()
    for f in findings:
        account = f.resource.account
        factors = (f.priority or {}).get("factors", {})
        weight = EXPOSED_WEIGHT if factors.get("exposure") == "internet" else 1
        tally = tallies[account][f.policy_id]
        tally[1] += weight
        if f.status in _PASSING:
            tally[0] += weight
        if f.status is Status.FAIL and (f.priority or {}).get("level") == "CRITICAL":
            critical_fail.add(account)
        weights[account][f.policy_id] = (
            SEVERITY_WEIGHTS[f.severity] * CRITICALITY_WEIGHTS[criticality.get(account, "medium")]
        )
    caps: dict[str, int] = {}
    for path in paths:
        cap = PATH_CAPS.get((str(path["confidence"]), str(path["risk"])), OTHER_PATH_CAP)
        for account in path["accounts"]:
            caps[account] = min(caps.get(account, 100), cap)
    for account in critical_fail:
        caps[account] = min(caps.get(account, 100), CRITICAL_PRIORITY_CAP)
    out: dict[str, tuple[float, int]] = {}
    for account, checks in tallies.items():
        total = sum(weights[account].values())
        if total == 0:
            continue
        base = sum(
            weights[account][check] * passed / weighed
            for check, (passed, weighed) in checks.items()
        )
        out[account] = (min(100 * base / total, caps.get(account, 100)), total)
    return out
