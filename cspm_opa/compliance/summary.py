"""Compliance per framework: every control's status, and the shares the reports print.

A framework is assessed in the accounts whose scope lists it (and, for a benchmark written
for one cloud, only in that cloud's accounts). Three figures come out of it:

pairs (the headline)
    Over (account, control) pairs. A pair's status folds the results, in that account, of
    the checks of the account's cloud mapped to the control: FAIL if one fails, else
    UNKNOWN if one could not be evaluated, else PASS (WAIVED counts as passing);
    NOT_APPLICABLE when such checks exist but found nothing to check; MANUAL when no check
    of that cloud is mapped to the control. ``assessed`` counts PASS, FAIL and UNKNOWN
    pairs (an UNKNOWN pair is in the denominator and not passing); MANUAL and
    NOT_APPLICABLE pairs are counted apart, outside the percentage.
strict (the top-level ``passing``/``assessed``/``percent``, as before)
    Over controls: a control passes only when it passes in every account in scope.
mapped and passing
    PASS pairs over every (account, control) pair of the framework in scope, so a control
    nobody automated counts against it; with ``controls``, how many of the framework's
    controls are mapped to an automated check of a cloud in its scope.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from cspm_opa.compliance.catalogs import Framework, framework, framework_keys
from cspm_opa.errors import ConfigError
from cspm_opa.model import Finding, Policy, Status
from cspm_opa.scope import AccountProfile

__all__ = ["PAIR_STATUSES", "compliance_summary", "control_status"]

PAIR_STATUSES = ("PASS", "FAIL", "UNKNOWN", "NOT_APPLICABLE", "MANUAL")
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


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _tally(statuses: Sequence[str]) -> dict[str, Any]:
    passing = statuses.count("PASS")
    assessed = sum(s in _ASSESSED for s in statuses)
    return {"passing": passing, "assessed": assessed, "percent": _percent(passing, assessed)}


def _counts(statuses: Sequence[str]) -> dict[str, Any]:
    """The pair tally of one account or of a whole framework."""
    mapped = len(statuses) - statuses.count("MANUAL")
    return {
        **_tally(statuses),
        "failing": statuses.count("FAIL"),
        "unknown": statuses.count("UNKNOWN"),
        "not_applicable": statuses.count("NOT_APPLICABLE"),
        "manual": statuses.count("MANUAL"),
        "total": len(statuses),
        "mapped": mapped,
        "mapped_passing_percent": _percent(statuses.count("PASS"), len(statuses)),
    }


_RANK = {"FAIL": 3, "UNKNOWN": 2, "PASS": 1}
_NONE = {False: "MANUAL", True: "NOT_APPLICABLE"}
"""A control without results: no check mapped to it, or checks with nothing to check."""


def _worst(results: Mapping[str, str], checks: Sequence[str]) -> str:
    """A pair's status: the worst of its checks' folded results in the account
    (``results``: the account's, by check)."""
    if not checks:
        return "MANUAL"
    seen = [results[pid] for pid in checks if pid in results]
    return max(seen, key=_RANK.__getitem__) if seen else "NOT_APPLICABLE"


def _catalog(key: str, profiles: Sequence[AccountProfile]) -> Framework:
    try:
        return framework(key)
    except KeyError:
        names = ", ".join(p.name or p.account for p in profiles if key in p.compliance)
        raise ConfigError(
            f"framework {key!r} is in the scope of {names} but has no catalog "
            f"(known: {', '.join(framework_keys())})"
        ) from None


def compliance_summary(
    policies: Sequence[Policy],
    findings: Iterable[Finding],
    profiles: Sequence[AccountProfile],
) -> dict[str, dict[str, Any]]:
    """Per framework in scope: every control's status over the accounts in scope (strict),
    the (account, control) pair tally, the mapped-and-passing share, and each account's
    own tally. Only accounts whose profile lists the framework count towards it."""
    gathered: dict[tuple[str, str], set[Status]] = defaultdict(set)
    for f in findings:
        gathered[(f.policy_id, f.resource.account)].add(f.status)
    results: dict[str, dict[str, str]] = defaultdict(dict)
    for (pid, account), statuses in gathered.items():
        results[account][pid] = control_status(statuses)
    mapped: dict[str, dict[str, list[Policy]]] = defaultdict(lambda: defaultdict(list))
    for policy in policies:
        for ref in policy.compliance:
            mapped[ref.framework][ref.control].append(policy)
    out: dict[str, dict[str, Any]] = {}
    for key in sorted({k for p in profiles for k in p.compliance}):
        fw = _catalog(key, profiles)
        in_scope = [
            p for p in profiles if key in p.compliance and fw.provider in (None, p.provider)
        ]
        if not in_scope:
            continue
        out[key] = _framework_summary(fw, mapped[key], results, in_scope)
    return out


def _framework_summary(
    fw: Framework,
    mapped: dict[str, list[Policy]],
    results: Mapping[str, Mapping[str, str]],
    in_scope: Sequence[AccountProfile],
) -> dict[str, Any]:
    rows: list[dict[str, Any]] = []
    per_account: dict[str, list[str]] = {p.account: [] for p in in_scope}
    clouds = {p.provider for p in in_scope}
    automated = 0
    for control in fw.controls:
        checks = mapped.get(control.id, [])
        automated += any(p.provider in clouds for p in checks)
        by_cloud = {cloud: [p.id for p in checks if p.provider == cloud] for cloud in clouds}
        seen: list[str] = []
        for profile in in_scope:
            status = _worst(results.get(profile.account, {}), by_cloud[profile.provider])
            per_account[profile.account].append(status)
            if status in _RANK:
                seen.append(status)
        ids = sorted({p.id for p in checks})
        overall = max(seen, key=_RANK.__getitem__) if seen else _NONE[bool(ids)]
        rows.append({"id": control.id, "title": control.title, "status": overall,
                     "policies": ids})  # fmt: skip
    statuses: list[str] = [r["status"] for r in rows]
    pairs = _counts([s for account in per_account.values() for s in account])
    return {
        "title": fw.title,
        "version": fw.version,
        "label": fw.label,
        "controls": rows,
        "total": len(rows),
        "manual": statuses.count("MANUAL"),
        "not_applicable": statuses.count("NOT_APPLICABLE"),
        **_tally(statuses),
        "accounts": {a: _counts(s) for a, s in per_account.items()},
        "pairs": {**pairs, "accounts": len(per_account)},
        "mapped": {
            "controls": automated,
            "total": len(rows),
            "passing": pairs["passing"],
            "pairs": pairs["total"],
            "percent": pairs["mapped_passing_percent"],
        },
    }
