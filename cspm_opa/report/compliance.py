"""The compliance lines of the report, read from a scan result's ``compliance``.

The headline is the seed's form over (account, control) pairs, with the strict figure
(a control counted only where it passes in every account) beside it:

    CIS AWS v5.0: 62% compliant (340/548 controls passing) · 3 unknown · every account: 2% (1/35)
    SOC 2: 74% controls mapped and passing · 20/27 controls mapped to automated checks
    prod-payments: 94% (33/35 passing) · 1 unknown

A result written before the pair figures existed shows its one figure, as it did then.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

__all__ = [
    "AccountCompliance",
    "ComplianceRow",
    "Mapped",
    "Tally",
    "compliance_note",
    "compliance_rows",
]

_NOTE = (
    "counted over (account, control) pairs; 'every account' counts a control only where it "
    "passes in all accounts in scope; manual controls are outside the percentages"
)


def compliance_note(rows: Sequence[ComplianceRow]) -> str:
    """How to read the lines; empty for a result written before the pair figures."""
    return _NOTE if any(row.strict is not None for row in rows) else ""


def _pct(percent: float | None) -> str:
    return "n/a" if percent is None else f"{percent:.0f}%"


@dataclass(frozen=True)
class Tally:
    """Passing over assessed (account, control) pairs, or controls for the strict figure."""

    passing: int
    assessed: int
    percent: float | None
    unknown: int = 0
    failing: int = 0
    manual: int = 0
    total: int = 0

    @classmethod
    def of(cls, doc: Mapping[str, Any]) -> Tally:
        return cls(
            passing=int(doc["passing"]),
            assessed=int(doc["assessed"]),
            percent=doc["percent"],
            unknown=int(doc.get("unknown", 0)),
            failing=int(doc.get("failing", 0)),
            manual=int(doc.get("manual", 0)),
            total=int(doc.get("total", 0)),
        )

    @property
    def unknown_note(self) -> str:
        return f" · {self.unknown} unknown" if self.unknown else ""


@dataclass(frozen=True)
class Mapped:
    """Controls mapped to automated checks, and the pairs that are mapped and passing."""

    controls: int
    total: int
    passing: int
    pairs: int
    percent: float | None


@dataclass(frozen=True)
class AccountCompliance:
    account: str
    name: str
    tally: Tally

    @property
    def line(self) -> str:
        t = self.tally
        return f"{self.name}: {_pct(t.percent)} ({t.passing}/{t.assessed} passing){t.unknown_note}"


@dataclass(frozen=True)
class ComplianceRow:
    key: str
    label: str
    pairs: Tally
    """The headline, over (account, control) pairs."""
    strict: Tally | None
    """Over controls, passing only where they pass in every account; None in a result
    written before the pair figures, whose one figure is ``pairs``."""
    total: int
    """Controls of the framework."""
    manual: int
    """Controls no check is mapped to."""
    mapped: Mapped | None
    accounts: tuple[AccountCompliance, ...] = ()

    @property
    def percent(self) -> float | None:
        return self.pairs.percent

    @property
    def passing(self) -> int:
        return self.pairs.passing

    @property
    def assessed(self) -> int:
        return self.pairs.assessed

    @property
    def line(self) -> str:
        """The seed's line: "CIS AWS v5.0: 62% compliant (340/548 controls passing)"."""
        counts = f"{self.pairs.passing}/{self.pairs.assessed} controls passing"
        return f"{self.label}: {_pct(self.pairs.percent)} compliant ({counts})"

    @property
    def headline(self) -> str:
        """The line, the unknown pairs, and the strict figure beside it."""
        if self.strict is None:
            return self.line
        s = self.strict
        return (
            f"{self.line}{self.pairs.unknown_note} · every account: {_pct(s.percent)} "
            f"({s.passing}/{s.assessed})"
        )

    @property
    def mapped_line(self) -> str:
        """ "SOC 2: 74% controls mapped and passing · 20/27 controls mapped to automated
        checks"; empty for a result without the figure."""
        if self.mapped is None:
            return ""
        m = self.mapped
        return (
            f"{self.label}: {_pct(m.percent)} controls mapped and passing · "
            f"{m.controls}/{m.total} controls mapped to automated checks"
        )

    def account_lines(self) -> list[str]:
        return [a.line for a in self.accounts]


def compliance_rows(
    compliance: Mapping[str, Mapping[str, Any]], names: Mapping[str, str]
) -> list[ComplianceRow]:
    """One row per framework of a scan result's ``compliance``, by key; ``names`` maps
    account ids to the names shown."""
    return [_row(key, fw, names) for key, fw in sorted(compliance.items())]


def _row(key: str, fw: Mapping[str, Any], names: Mapping[str, str]) -> ComplianceRow:
    top = Tally.of(fw)
    mapped = fw.get("mapped")
    return ComplianceRow(
        key=key,
        label=str(fw.get("label", key)),
        pairs=Tally.of(fw["pairs"]) if "pairs" in fw else top,
        strict=top if "pairs" in fw else None,
        total=int(fw.get("total", len(fw["controls"]))),
        manual=int(fw.get("manual", 0)),
        mapped=None if mapped is None else _mapped(mapped),
        accounts=tuple(
            AccountCompliance(a, names.get(a, a), Tally.of(t))
            for a, t in fw.get("accounts", {}).items()
        ),
    )


def _mapped(doc: Mapping[str, Any]) -> Mapped:
    return Mapped(
        controls=int(doc["controls"]),
        total=int(doc["total"]),
        passing=int(doc["passing"]),
        pairs=int(doc["pairs"]),
        percent=doc["percent"],
    )
