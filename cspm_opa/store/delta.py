"""Deltas between a scan and what the store knew before it: pure functions, no database.

The store keeps, per finding uid, its *latest known state*: the last status a scan saw
that was not UNKNOWN (``FAIL``, ``PASS``, ``WAIVED``, or ``GONE`` once its resource
was deleted), and whether it ever failed. Against that state, the FAIL findings of a scan
are:

- **new**: FAIL now and never FAIL before (a first scan makes every FAIL new);
- **regressed**: FAIL now, FAIL at some earlier scan, but not FAIL in the latest known
  state (fixed, then broken again);
- **unchanged**: FAIL in both (counted, not listed).

A uid whose latest known state is FAIL is **resolved** when it is now PASS or WAIVED, or
when it is missing because its resource is gone, but only where this scan looked (see
:class:`Reach`). UNKNOWN resolves nothing and changes no state: it is not knowledge.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = ["GONE", "Delta", "KnownState", "Reach", "compute_delta", "next_status"]

GONE = "GONE"
"""The state of a uid whose resource was deleted."""

_FIXED = frozenset({"PASS", "WAIVED"})

# AWS scans read only the regions asked for; Azure and GCP read every location, and
# their snapshots list only the regions where resources are.
_REGION_SCOPED = frozenset({"aws"})
_GLOBAL_REGIONS = frozenset({"", "global"})


@dataclass(frozen=True)
class Delta:
    """What changed since the store's latest known state; ``to_dict`` is the scan
    result's ``delta``."""

    previous_scan: int | None
    new: tuple[str, ...] = ()
    resolved: tuple[str, ...] = ()
    regressed: tuple[str, ...] = ()
    unchanged: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "previous_scan": self.previous_scan,
            "new": list(self.new),
            "resolved": list(self.resolved),
            "regressed": list(self.regressed),
            "unchanged": self.unchanged,
        }


@dataclass(frozen=True)
class KnownState:
    """The store's latest known state of one uid."""

    uid: str
    provider: str
    account: str
    policy_id: str
    resource_type: str
    resource_id: str
    region: str
    status: str
    """FAIL, PASS, WAIVED or GONE (never UNKNOWN)."""
    ever_failed: bool


@dataclass(frozen=True)
class Reach:
    """Where a scan looked: a missing finding there means its resource is gone.

    A full scan (``kind="scan"``) reaches its accounts, within the regions its AWS
    snapshots name, except resource types its coverage says were not listed. An event
    reaches only the resources its snapshots hold plus those named in ``resources``
    (``(type, id)`` pairs: the ones an event deleted, say).
    """

    full: bool
    accounts: Mapping[tuple[str, str], Mapping[str, Any]] = field(default_factory=dict)
    """(provider, account id) -> that account's snapshot document."""
    resources: frozenset[tuple[str, str, str, str]] = frozenset()
    """(provider, account, type, id) of resources an event looked at beyond its snapshots."""
    policies: frozenset[str] | None = None
    """The checks that ran (the result's ``policies``); None: any."""

    def covers(self, state: KnownState) -> bool:
        """Did this scan look where ``state``'s resource was (so its absence is real)?"""
        if self.policies is not None and state.policy_id not in self.policies:
            return False
        doc = self.accounts.get((state.provider, state.account))
        if doc is None:
            return False
        if not self.full:
            key = (state.provider, state.account, state.resource_type, state.resource_id)
            return key in self.resources or _holds(doc, state)
        if (
            state.provider in _REGION_SCOPED
            and state.region not in _GLOBAL_REGIONS
            and state.region not in doc.get("regions", ())
        ):
            return False
        return not any(
            state.resource_type in gap.get("resource_types", ()) for gap in doc.get("coverage", ())
        )

    def present(self, state: KnownState) -> bool:
        """Is ``state``'s resource still in the snapshot?"""
        doc = self.accounts.get((state.provider, state.account))
        return doc is not None and _holds(doc, state)


def _holds(doc: Mapping[str, Any], state: KnownState) -> bool:
    return state.resource_id in doc.get("resources", {}).get(state.resource_type, {})


def compute_delta(
    findings: Sequence[Mapping[str, Any]],
    known: Mapping[str, KnownState],
    reach: Reach,
    previous_scan: int | None,
) -> Delta:
    """The delta of a scan's ``findings`` (scan result dicts) against ``known`` (the
    latest known state of every uid in the scan's accounts)."""
    new: list[str] = []
    regressed: list[str] = []
    unchanged = 0
    current: dict[str, str] = {}
    for finding in findings:
        uid, status = finding["uid"], finding["status"]
        current[uid] = status
        if status != "FAIL":
            continue
        before = known.get(uid)
        if before is None or not before.ever_failed:
            new.append(uid)
        elif before.status == "FAIL":
            unchanged += 1
        else:
            regressed.append(uid)
    resolved = [
        state.uid
        for state in _sorted(known.values())
        if state.status == "FAIL" and _is_resolved(state, current.get(state.uid), reach)
    ]
    return Delta(previous_scan, tuple(new), tuple(resolved), tuple(regressed), unchanged)


def next_status(state: KnownState | None, now: str | None, reach: Reach) -> str | None:
    """The latest known state after this scan: ``now`` unless UNKNOWN; GONE when the
    resource vanished where the scan looked; otherwise unchanged (None: no state yet)."""
    if now is not None:
        return now if now != "UNKNOWN" else (state.status if state else None)
    if state is None:
        return None
    if state.status != GONE and not reach.present(state) and reach.covers(state):
        return GONE
    return state.status


def _is_resolved(state: KnownState, now: str | None, reach: Reach) -> bool:
    if now is not None:
        return now in _FIXED
    return not reach.present(state) and reach.covers(state)


def _sorted(states: Iterable[KnownState]) -> list[KnownState]:
    return sorted(states, key=lambda s: s.uid)
