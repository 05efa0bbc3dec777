"""How much of each framework our checks evidence, per cloud, beside Prowler's mapping.

A control is *automated* on a cloud when at least one check of that cloud maps to it in its
METADATA; otherwise the catalog should say why it is left to manual review there
(``Control.manual``). Prowler's figure is how many controls its own mapping covers on that
cloud (controls whose ``prowler_checks`` for the cloud are not empty).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cspm_opa.compliance.catalogs import framework
from cspm_opa.model import Policy

__all__ = ["Coverage", "automated_controls", "coverage", "unexplained_controls"]


@dataclass(frozen=True)
class Coverage:
    framework: str
    provider: str
    controls: int
    """All controls of the framework."""
    automated: int
    """Controls with at least one check of ours on this cloud."""
    manual: int
    """Controls with a written reason for manual review on this cloud."""
    prowler: int
    """Controls Prowler maps at least one check to on this cloud."""

    @property
    def percent(self) -> float:
        return round(100.0 * self.automated / self.controls, 1) if self.controls else 0.0


def automated_controls(policies: Iterable[Policy], key: str, provider: str) -> set[str]:
    """The ids of ``key``'s controls that a check of ``provider`` maps to."""
    return {
        ref.control
        for p in policies
        if p.provider == provider
        for ref in p.compliance
        if ref.framework == key
    }


def unexplained_controls(policies: Iterable[Policy], key: str, provider: str) -> list[str]:
    """Controls with neither a check on ``provider`` nor a manual reason for it."""
    done = automated_controls(policies, key, provider)
    return [
        c.id for c in framework(key).controls if c.id not in done and not c.manual_reason(provider)
    ]


def coverage(policies: Iterable[Policy], key: str, provider: str) -> Coverage:
    fw = framework(key)
    ids = {c.id for c in fw.controls}
    done = automated_controls(policies, key, provider) & ids
    return Coverage(
        framework=key,
        provider=provider,
        controls=len(fw.controls),
        automated=len(done),
        manual=sum(1 for c in fw.controls if c.id not in done and c.manual_reason(provider)),
        prowler=sum(1 for c in fw.controls if c.prowler_checks.get(provider)),
    )
