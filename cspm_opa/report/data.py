"""The numbers of the assessment report, taken from one scan result.

Every renderer (text, Markdown, HTML) formats this one value, so every format shows
the same numbers.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cspm_opa.report.compliance import ComplianceRow, compliance_rows

__all__ = [
    "AccountRow",
    "ChainNode",
    "ComplianceRow",
    "FailingCheck",
    "PathGroup",
    "PriorityRow",
    "ReportData",
    "by_priority",
    "eta",
    "report_data",
]

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
class AccountRow:
    provider: str
    account: str
    name: str
    environment: str
    criticality: str
    resources: int
    posture_score: int | None
    failing: int


def by_priority(
    findings: Iterable[Mapping[str, Any]],
    then: Callable[[Mapping[str, Any]], Any] | None = None,
) -> list[Mapping[str, Any]]:
    """Findings with a priority first, by score (highest first), then severity, then
    ``then`` (default: the order given); findings without one follow in ``then`` order.
    With no priority anywhere this is exactly the ``then`` order."""
    rank = {s: i for i, s in enumerate(SEVERITIES)}
    indexed = list(enumerate(findings))

    def key(item: tuple[int, Mapping[str, Any]]) -> tuple[Any, ...]:
        i, f = item
        rest = then(f) if then is not None else i
        priority = f.get("priority")
        if priority:
            return (0, -int(priority["score"]), rank.get(f["severity"], len(rank)), rest, i)
        return (1, 0, 0, rest, i)

    return [f for _, f in sorted(indexed, key=key)]


_ENTRY_LABELS = {"internet": "Internet", "network": "Network", "identity": "Any identity"}


def eta(duration: str) -> str:
    """An ISO-8601 day duration as words: P1D -> "1 day", P30D -> "30 days"."""
    match = re.fullmatch(r"P(\d+)D", duration)
    if match is None:
        return duration
    days = int(match.group(1))
    return f"{days} day{'s' * (days != 1)}"


@dataclass(frozen=True)
class ChainNode:
    """One box of an attack path's chain: the entry, a step or the target."""

    name: str
    kind: str
    """``entry``, ``step`` or ``target``."""
    type: str
    why: str
    not_collected: str = ""
    """Why this node (or the edge into it) is unknown, when it is."""

    @property
    def short_why(self) -> str:
        """The reason, clipped for one line; none for the entry."""
        return "" if self.kind == "entry" else _short(self.why)


@dataclass(frozen=True)
class PathGroup:
    """Attack paths of one rule along the same chain (by names), across accounts."""

    rule: str
    title: str
    risk: str
    confidence: str
    entry: str
    chain: tuple[ChainNode, ...]
    accounts: tuple[str, ...]
    ids: tuple[str, ...]
    findings: int
    remediate_within: str
    not_collected: tuple[str, ...]

    @property
    def possible(self) -> bool:
        return self.confidence != "certain"

    @property
    def chain_line(self) -> str:
        """e.g. "Internet -> web (SSH open) -> admin-role (admin)"."""
        return " -> ".join(
            f"{n.name} ({n.short_why})" if n.short_why else n.name for n in self.chain
        )

    @property
    def facts_line(self) -> str:
        n = len(self.accounts)
        return (
            f"Affected: {n} account{'s' * (n != 1)} | Risk: {self.risk.title()} | "
            f"ETA to remediate: {eta(self.remediate_within)}"
        )

    @property
    def possible_line(self) -> str:
        if not self.possible:
            return ""
        what = "; ".join(self.not_collected) or "a step was not collected"
        return f"Possible path (not collected: {what})"


def _short(text: str, width: int = 60) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


@dataclass(frozen=True)
class PriorityRow:
    level: str
    score: int
    status: str
    severity: str
    policy_id: str
    title: str
    account: str
    resource: str
    paths: int


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
    attack_paths: list[PathGroup]
    """The top path groups, worst first."""
    more_paths: int
    """Path groups beyond the top ones."""
    top_priority: list[PriorityRow]
    """The highest-priority FAIL and UNKNOWN findings (empty when risk was not assessed)."""

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
    compliance = compliance_rows(result["compliance"], names)
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
    groups = path_groups(result.get("attack_paths", []))
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
        attack_paths=groups[:top],
        more_paths=max(len(groups) - top, 0),
        top_priority=_top_priority(result["findings"], top),
    )


def _top_priority(findings: Sequence[Mapping[str, Any]], top: int) -> list[PriorityRow]:
    ranked = [f for f in by_priority(findings) if f.get("priority")]
    return [
        PriorityRow(
            level=f["priority"]["level"],
            score=int(f["priority"]["score"]),
            status=f["status"],
            severity=f["severity"],
            policy_id=f["policy_id"],
            title=f["title"],
            account=f["resource"]["account"],
            resource=f["resource"]["name"] or f["resource"]["id"],
            paths=len(f["priority"].get("factors", {}).get("attack_paths", [])),
        )
        for f in ranked[:top]
    ]


_RISKS = ("CRITICAL", "HIGH", "MEDIUM", "LOW")


def _ref_key(ref: object) -> tuple[str, ...]:
    if isinstance(ref, Mapping):
        return tuple(str(ref.get(k, "")) for k in ("provider", "account", "type", "id"))
    return ("", "", "", str(ref))


def _ref_name(ref: object) -> str:
    if isinstance(ref, Mapping):
        return str(ref.get("name") or ref.get("id") or "")
    return str(ref)


def path_groups(paths: Sequence[Mapping[str, Any]]) -> list[PathGroup]:
    """Group paths of the same rule, entry, confidence and chain of (type, name) across
    accounts; worst risk first, certain before possible, then the widest."""
    grouped: dict[tuple[Any, ...], list[tuple[int, Mapping[str, Any]]]] = {}
    for i, p in enumerate(paths):
        links = [*p["steps"], p["target"]]
        chain = tuple((s["resource"]["type"], _ref_name(s["resource"])) for s in links)
        grouped.setdefault((p["rule"], p["entry"], p["confidence"], chain), []).append((i, p))
    out: list[tuple[tuple[Any, ...], PathGroup]] = []
    for members in grouped.values():
        first_index, first = members[0]
        out.append(((_RISKS.index(first["risk"]) if first["risk"] in _RISKS else len(_RISKS),
                     first["confidence"] != "certain",
                     -len({a for _, p in members for a in p["accounts"]}),
                     first_index),
                    _group([p for _, p in members])))  # fmt: skip
    out.sort(key=lambda item: item[0])
    return [g for _, g in out]


def _group(members: Sequence[Mapping[str, Any]]) -> PathGroup:
    first = members[0]
    unknown_at: dict[tuple[str, ...], str] = {}
    notes: list[str] = []
    for edge in first.get("unknown_edges", []):
        to = _ref_key(edge["to"])
        unknown_at.setdefault(to, edge["why"])
    for p in members:
        for edge in p.get("unknown_edges", []):
            to, frm = edge["to"], edge["from"]
            where = (_ref_name(to) if _ref_key(frm) == _ref_key(to)
                     else f"{_ref_name(frm)} -> {_ref_name(to)}")  # fmt: skip
            note = f"{edge['why']} ({where})" if where else str(edge["why"])
            if note not in notes:
                notes.append(note)
    chain = [ChainNode(_ENTRY_LABELS.get(first["entry"], first["entry"].title()), "entry",
                       first["entry"], "")]  # fmt: skip
    links = [("step", s) for s in first["steps"]] + [("target", first["target"])]
    for kind, link in links:
        ref = link["resource"]
        chain.append(ChainNode(_ref_name(ref), kind, ref["type"], link["why"],
                               unknown_at.get(_ref_key(ref), "")))  # fmt: skip
    return PathGroup(
        rule=first["rule"],
        title=first["title"],
        risk=first["risk"],
        confidence=first["confidence"],
        entry=first["entry"],
        chain=tuple(chain),
        accounts=tuple(sorted({a for p in members for a in p["accounts"]})),
        ids=tuple(p["id"] for p in members),
        findings=len({uid for p in members for uid in p["findings"]}),
        remediate_within=min((p["remediate_within"] for p in members), key=_days),
        not_collected=tuple(notes),
    )


def _days(duration: str) -> int:
    match = re.fullmatch(r"P(\d+)D", duration)
    return int(match.group(1)) if match else 1 << 30
