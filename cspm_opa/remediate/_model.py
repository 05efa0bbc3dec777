"""The values remediation passes around: one planned API call (:class:`Action`), what an
action module returns when it plans (:class:`Step`), and the interface every action
module implements (:class:`Remedy`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

__all__ = ["Action", "Options", "Remedy", "Step"]


@dataclass(frozen=True)
class Options:
    """What the user chose beyond the findings themselves."""

    split_ranges: bool = False
    """Security groups: replace a rule whose port range covers more than the admin
    port(s) with the same range minus those ports (default: report it, leave it alone)."""


@dataclass(frozen=True)
class Step:
    """One API call an action module would make for a finding."""

    action: str
    """The API operation, ``<service>:<Operation>`` (``ec2:EnableEbsEncryptionByDefault``)."""
    region: str
    params: Mapping[str, Any]
    skipped: str | None = None
    """Why the call will not be made (the guard rail or the limit that stops it)."""


@dataclass
class Action:
    """One planned API call for one finding, and what became of it."""

    finding: str
    policy_id: str
    provider: str
    account: str
    resource: str
    resource_type: str
    action: str
    region: str
    params: dict[str, Any]
    skipped: str | None = None
    applied: bool = False
    error: str | None = None
    tags: Mapping[str, str] = field(default_factory=dict, repr=False)

    @property
    def pending(self) -> bool:
        """Planned, not skipped, and not yet failed: --apply would make this call."""
        return self.skipped is None and self.error is None and not self.applied

    def to_dict(self) -> dict[str, Any]:
        """The action as ``schemas/remediation_plan.json`` writes it."""
        return {
            "finding": self.finding,
            "policy_id": self.policy_id,
            "provider": self.provider,
            "account": self.account,
            "resource": self.resource,
            "action": self.action,
            "region": self.region,
            "params": self.params,
            "applied": self.applied,
            "skipped": self.skipped,
            "error": self.error,
        }


class Remedy(Protocol):
    """An action module: the checks it fixes and how (each module is one of these)."""

    PROVIDER: str
    POLICIES: frozenset[str]

    def plan(self, finding: Mapping[str, Any], conn: Any, options: Options) -> list[Step]:
        """The calls that would fix ``finding``; ``conn`` may be read, never written."""
        ...

    def read(self, action: Action, conn: Any) -> Any:
        """The setting the action changes, as the API reports it now (JSON-able)."""
        ...

    def perform(self, action: Action, conn: Any) -> None:
        """Make the call."""
        ...

    def fixed(self, action: Action, state: Any) -> bool:
        """Whether ``state`` (from :meth:`read`) shows the action's effect."""
        ...
