"""What the AWS collector hands the normalizers: raw API payloads, grouped by kind.

The collector knows AWS calls; the normalizers know resource documents. A
:class:`Record` is one payload (one bucket with its detail responses, one region's
flow-log listing, ...), named by ``kind`` and ``region``. A call that failed is kept in
``failed`` under its operation name, so the normalizer, which knows which config
fields each operation feeds, can name them in the resource's ``unknown`` list.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Facts", "Record"]


@dataclass(frozen=True)
class Record:
    """One raw payload. ``data`` holds AWS's response fields (or the parts kept of them);
    ``failed`` maps an operation (``"GetBucketPolicy"``) to why it failed."""

    kind: str
    region: str
    data: dict[str, Any] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)


@dataclass
class Facts:
    """Everything read from one account, ready to normalize."""

    account_id: str
    partition: str
    regions: list[str]
    taken_at: str
    records: list[Record] = field(default_factory=list)
    coverage: list[dict[str, Any]] = field(default_factory=list)
    """Coverage entries (schemas/snapshot.json) for listings that failed as a whole."""

    def of(self, kind: str, region: str | None = None) -> Iterator[Record]:
        """Records of ``kind`` (in ``region``, when given), in collection order."""
        for record in self.records:
            if record.kind == kind and (region is None or record.region == region):
                yield record

    def one(self, kind: str, region: str | None = None) -> Record | None:
        """The record of ``kind`` (in ``region``), or None when it was not collected."""
        return next(self.of(kind, region), None)
