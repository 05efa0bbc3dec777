"""What a change event comes to: the resources it touched, as snapshot types and ids.

Parsing is pure (no cloud call): each provider module turns one event payload into a
:class:`ChangeEvent`. An event that cannot be mapped, or that changes nothing (a read,
a failed call), is still a ChangeEvent, with ``ignored`` saying why and no resources.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["ChangeEvent", "Touched"]


@dataclass(frozen=True)
class Touched:
    """One resource a change touched.

    ``id`` is the snapshot id when the event lets us build it (a bucket's ARN, an Azure
    resource id); ``name`` is what the cloud's API takes to re-read it (a bucket name, a
    security group id), and also matches a snapshot resource whose id ends in
    ``/<name>`` or whose name is ``name``. Neither: every resource of the type in
    ``region``. ``fields``: for account or region settings, the config fields that
    changed (empty: all of them).
    """

    type: str
    id: str | None = None
    name: str | None = None
    region: str | None = None
    deleted: bool = False
    fields: frozenset[str] = frozenset()

    def matches(self, rid: str, doc: Mapping[str, Any]) -> bool:
        """Is the snapshot resource ``rid`` (document ``doc``) this one?"""
        if self.id is None and self.name is None:
            return self.region is None or doc.get("region") in (self.region, "global")
        if self.id is not None and rid.lower() == self.id.lower():
            return True
        name = self.name
        return bool(name) and (
            doc.get("name") == name or rid.endswith(f"/{name}") or rid.endswith(f":{name}")
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type, "id": self.id or self.name or "*"}
        if self.deleted:
            out["deleted"] = True
        return out


@dataclass(frozen=True)
class ChangeEvent:
    """One change event, provider-neutral."""

    provider: str
    id: str
    source: str
    """The cloud's name for the change: ``s3.amazonaws.com PutBucketAcl``."""
    account: str | None = None
    region: str | None = None
    time: str | None = None
    touched: tuple[Touched, ...] = ()
    ignored: str | None = None
    """Why nothing is re-evaluated: a failed or read-only call, or an unmapped change."""
    raw: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """The scan result's ``event`` (schemas/scan_result.json)."""
        return {
            "id": self.id,
            "provider": self.provider,
            "source": self.source,
            "account": self.account,
            "region": self.region,
            "time": self.time,
            "resources": [t.to_dict() for t in self.touched],
        }
