"""Waivers: accepted risks, each with a reason, an owner and an expiry date.

A FAIL or UNKNOWN finding matched by a waiver in force becomes WAIVED and stays in the
output with the waiver attached. A waiver past its expiry date stops applying; the scan
result lists every waiver with its state and how many findings it matched, so expired
and unused waivers are visible.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from fnmatch import fnmatchcase
from typing import Any

from cspm_opa.model import Finding, Status, WaiverRef
from cspm_opa.yamlfile import load_yaml

__all__ = ["Waiver", "apply_waivers", "load_waivers"]


@dataclass(frozen=True)
class Waiver:
    policy: str
    reason: str
    owner: str
    expires: date
    resource: str = "*"
    account: str = "*"
    source: str = ""
    """file:line where the waiver is written."""

    def in_force(self, today: date) -> bool:
        return today <= self.expires

    def matches(self, finding: Finding) -> bool:
        res = finding.resource
        return (
            fnmatchcase(finding.policy_id, self.policy)
            and fnmatchcase(res.account, self.account)
            and (fnmatchcase(res.id, self.resource) or fnmatchcase(res.name, self.resource))
        )

    def ref(self) -> WaiverRef:
        return WaiverRef(
            reason=self.reason,
            owner=self.owner,
            expires=self.expires.isoformat(),
            source=self.source,
        )


def load_waivers(path: str | os.PathLike[str]) -> list[Waiver]:
    """Read a waivers file; a malformed one raises ConfigError with the file and line."""
    doc = load_yaml(path, "waivers.json")
    waivers = []
    for i, entry in enumerate(doc.data["waivers"]):
        try:
            expires = date.fromisoformat(entry["expires"])
        except ValueError as exc:
            raise doc.error(["waivers", i, "expires"], f"not a date (YYYY-MM-DD): {exc}") from exc
        waivers.append(
            Waiver(
                policy=entry["policy"],
                reason=entry["reason"],
                owner=entry["owner"],
                expires=expires,
                resource=entry.get("resource", "*"),
                account=str(entry.get("account", "*")),
                source=doc.where(["waivers", i]),
            )
        )
    return waivers


def _waive(finding: Finding, waivers: Sequence[Waiver], today: date, matched: list[int]) -> Finding:
    if finding.status not in (Status.FAIL, Status.UNKNOWN):
        return finding
    for i, waiver in enumerate(waivers):
        if waiver.in_force(today) and waiver.matches(finding):
            matched[i] += 1
            return replace(finding, status=Status.WAIVED, waiver=waiver.ref())
    return finding


def apply_waivers(
    findings: Iterable[Finding], waivers: Sequence[Waiver], today: date
) -> tuple[list[Finding], list[dict[str, Any]]]:
    """Mark the findings that waivers in force cover; report on every waiver."""
    matched = [0] * len(waivers)
    out: list[Finding] = []
    for finding in findings:
        out.append(_waive(finding, waivers, today, matched))
    report = [
        {
            "policy": w.policy,
            "resource": w.resource,
            "account": w.account,
            "reason": w.reason,
            "owner": w.owner,
            "expires": w.expires.isoformat(),
            "state": "active" if w.in_force(today) else "expired",
            "matched": matched[i],
            "source": w.source,
        }
        for i, w in enumerate(waivers)
    ]
    return out, report
