"""The store's tables (SQLAlchemy 2). Change them only with a new Alembic revision in
``migrations/versions``; a test compares these models with the migrated schema."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = [
    "Base",
    "BaselineRow",
    "FindingRow",
    "FindingState",
    "ScanRow",
    "ScanSnapshot",
    "SnapshotBlob",
    "TicketRow",
]

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class ScanRow(Base):
    """One recorded scan (or event evaluation) and its scores."""

    __tablename__ = "scans"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    generated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    recorded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    kind: Mapped[str] = mapped_column(String(16))
    event_id: Mapped[str | None] = mapped_column(String(512))
    posture_score: Mapped[int | None] = mapped_column(Integer)
    compliance: Mapped[dict[str, Any]] = mapped_column(JSON)
    """framework key -> percent (None when nothing was assessed)."""
    counts: Mapped[dict[str, Any]] = mapped_column(JSON)
    """``findings``, ``by_status``, ``by_severity`` (FAIL findings)."""
    previous_scan: Mapped[int | None] = mapped_column(Integer)
    new: Mapped[int] = mapped_column(Integer)
    resolved: Mapped[int] = mapped_column(Integer)
    regressed: Mapped[int] = mapped_column(Integer)
    unchanged: Mapped[int] = mapped_column(Integer)


class SnapshotBlob(Base):
    """A snapshot, stored once: keyed by the sha256 of its canonical JSON, kept as that
    JSON compressed with zlib."""

    __tablename__ = "snapshots"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    provider: Mapped[str] = mapped_column(String(16))
    account: Mapped[str] = mapped_column(String(256))
    taken_at: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    """Bytes of canonical JSON before compression."""
    document: Mapped[bytes] = mapped_column(LargeBinary)


class ScanSnapshot(Base):
    """The accounts a scan covered, each with the snapshot it evaluated."""

    __tablename__ = "scan_snapshots"
    __table_args__ = (Index(None, "provider", "account", "scan_id"),)

    scan_id: Mapped[int] = mapped_column(
        ForeignKey("scans.id", ondelete="CASCADE"), primary_key=True
    )
    provider: Mapped[str] = mapped_column(String(16), primary_key=True)
    account: Mapped[str] = mapped_column(String(256), primary_key=True)
    sha256: Mapped[str] = mapped_column(ForeignKey("snapshots.sha256"))


class FindingRow(Base):
    """One finding of one scan."""

    __tablename__ = "findings"
    __table_args__ = (Index(None, "uid"),)

    scan_id: Mapped[int] = mapped_column(
        ForeignKey("scans.id", ondelete="CASCADE"), primary_key=True
    )
    uid: Mapped[str] = mapped_column(String(32), primary_key=True)
    provider: Mapped[str] = mapped_column(String(16))
    account: Mapped[str] = mapped_column(String(256))
    policy_id: Mapped[str] = mapped_column(String(128))
    resource_type: Mapped[str] = mapped_column(String(128))
    resource_id: Mapped[str] = mapped_column(Text)
    region: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    severity: Mapped[str] = mapped_column(String(16))
    priority_level: Mapped[str | None] = mapped_column(String(16))
    priority_score: Mapped[int | None] = mapped_column(Integer)
    message: Mapped[str] = mapped_column(Text)


class FindingState(Base):
    """The latest known state of a uid across scans (see cspm_opa.store.delta)."""

    __tablename__ = "finding_states"
    __table_args__ = (Index(None, "provider", "account"),)

    uid: Mapped[str] = mapped_column(String(32), primary_key=True)
    provider: Mapped[str] = mapped_column(String(16))
    account: Mapped[str] = mapped_column(String(256))
    policy_id: Mapped[str] = mapped_column(String(128))
    resource_type: Mapped[str] = mapped_column(String(128))
    resource_id: Mapped[str] = mapped_column(Text)
    region: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    ever_failed: Mapped[bool] = mapped_column(Boolean)
    first_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_seen: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    last_scan: Mapped[int] = mapped_column(Integer)


class BaselineRow(Base):
    """An approved snapshot of an account; the latest approval is its baseline."""

    __tablename__ = "baselines"
    __table_args__ = (Index(None, "provider", "account", "id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    provider: Mapped[str] = mapped_column(String(16))
    account: Mapped[str] = mapped_column(String(256))
    sha256: Mapped[str] = mapped_column(ForeignKey("snapshots.sha256"))
    approved_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class TicketRow(Base):
    """The issue a delivery sink opened for a finding uid (a Jira key, say)."""

    __tablename__ = "tickets"

    sink: Mapped[str] = mapped_column(String(64), primary_key=True)
    uid: Mapped[str] = mapped_column(String(32), primary_key=True)
    issue_key: Mapped[str] = mapped_column(String(64))
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
