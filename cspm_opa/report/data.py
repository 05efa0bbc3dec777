"""The numbers of the assessment report, taken from one scan result.

Every renderer (text, Markdown, HTML) formats this one value, so every format shows
the same numbers.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["AccountRow", "ComplianceRow", "FailingCheck", "ReportData", "report_data"]

SEVERITIES = ("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFO")
STATUSES = ("PASS", "FAIL", "UNKNOWN", "WAIVED")


@dataclass(frozen=True)
class FailingCheck:
    policy_id: str
    title: str
    severity: str
    failing: int
    accounts: int


@dataclass(frozen=True)
class ComplianceRow:
    key: str
    label: str
    percent: float | None
    passing: int
    assessed: int
    total: int
    manual: int
    accounts: tuple[tuple[str, float | None, int, int], ...] = ()
    """Per account in scope: (name, percent, passing, assessed)."""

    @property
    def line(self) -> str:
        counts = f"{self.passing}/{self.assessed} controls passing"
        return f"{self.label}: {_pct(self.percent)} compliant ({counts})"

    def account_lines(self) -> list[str]:
        return [f"{name}: {_pct(pct)} ({passing}/{assessed})"
                for name, pct, passing, assessed in self.accounts]  # fmt: skip


def _pct(percent: float | None) -> str:
    return "n/a" if percent is None else f"{percent:.0f}%"


@dataclass(frozen=True)
class AccountRow:
    provider: str
    account: str
    name: str
    environment: str
    criticality: str
    resources: int
    posture_score: int | None
    failing: int


@dataclass(frozen=True)
class ReportData:
    organization: str
    generated_at: str
    providers: dict[str, int]
    """Accounts per provider."""
    posture_score: int | None
    by_severity: dict[str, int]
    by_status: dict[str, int]
    top_failing: list[FailingCheck]
    compliance: list[ComplianceRow]
    accounts: list[AccountRow]
    waivers: list[dict[str, Any]]
    coverage: list[dict[str, Any]]
    checks: int

    @property
    def title(self) -> str:
        base = "Cloud security assessment"
        return f"{base}: {self.organization}" if self.organization else base

    @property
    def providers_line(self) -> str:
        """e.g. "AWS (2 accounts), GCP (1 account)"."""
        return ", ".join(
            f"{p.upper()} ({n} account{'s' * (n != 1)})" for p, n in self.providers.items()
        )


def report_data(result: Mapping[str, Any], *, top: int = 10) -> ReportData:
    """Collect the report's numbers from a scan result (schemas/scan_result.json)."""
    scope = result["scope"]
    providers = Counter(s["provider"] for s in scope)
    failing: dict[str, set[tuple[str, str]]] = defaultdict(set)
    titles: dict[str, tuple[str, str]] = {}
    for f in result["findings"]:
        titles[f["policy_id"]] = (f["title"], f["severity"])
        if f["status"] == "FAIL":
            failing[f["policy_id"]].add((f["resource"]["account"], f["resource"]["id"]))
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    top_failing = sorted(
        (
            FailingCheck(
                pid, titles[pid][0], titles[pid][1], len(items), len({a for a, _ in items})
            )
            for pid, items in failing.items()
        ),
        key=lambda c: (rank[c.severity], -c.failing, c.policy_id),
    )[:top]
    names = {s["account"]: s.get("name") or s["account"] for s in scope}
    compliance = [
        ComplianceRow(
            key,
            fw.get("label", key),
            fw["percent"],
            fw["passing"],
            fw["assessed"],
            fw.get("total", len(fw["controls"])),
            fw.get("manual", 0),
            tuple(
                (names.get(a, a), t["percent"], t["passing"], t["assessed"])
                for a, t in fw.get("accounts", {}).items()
            ),
        )
        for key, fw in sorted(result["compliance"].items())
    ]
    by_account = result["summary"].get("by_account", {})
    accounts = [
        AccountRow(
            provider=s["provider"],
            account=s["account"],
            name=s.get("name") or s["account"],
            environment=s.get("environment", "unclassified"),
            criticality=s.get("criticality", "medium"),
            resources=s.get("resources", 0),
            posture_score=by_account.get(s["account"], {}).get("posture_score"),
            failing=by_account.get(s["account"], {}).get("by_status", {}).get("FAIL", 0),
        )
        for s in scope
    ]
    return ReportData(
        organization=result.get("organization", ""),
        generated_at=result["generated_at"],
        providers=dict(sorted(providers.items())),
        posture_score=result["posture_score"],
        by_severity={s: result["summary"]["by_severity"].get(s, 0) for s in SEVERITIES},
        by_status={s: result["summary"]["by_status"].get(s, 0) for s in STATUSES},
        top_failing=top_failing,
        compliance=compliance,
        accounts=accounts,
        waivers=list(result.get("waivers", [])),
        coverage=list(result["coverage"]),
        checks=len(result.get("policies", [])),
    )
