"""Row shapes shared by the store's two ways of recording a scan (in memory, and
streamed in batches): a finding's row, a state's known form, account filters, and UTC
times as the database and the scan result write them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from cspm_opa.store._models import FindingState, ScanSnapshot
from cspm_opa.store.delta import KnownState

__all__ = ["_account_filter", "_aware", "_finding_row", "_format_time", "_state"]


def _account_filter(
    model: type[ScanSnapshot] | type[FindingState], accounts: Iterable[tuple[str, str]]
) -> Any:
    from sqlalchemy import and_, false, or_

    clauses = [and_(model.provider == p, model.account == a) for p, a in accounts]
    return or_(false(), *clauses)


def _finding_row(scan_id: int, f: Mapping[str, Any]) -> dict[str, Any]:
    resource = f["resource"]
    priority = f.get("priority") or {}
    return {
        "scan_id": scan_id,
        "uid": f["uid"],
        "provider": resource["provider"],
        "account": resource["account"],
        "policy_id": f["policy_id"],
        "resource_type": resource["type"],
        "resource_id": resource["id"],
        "region": resource.get("region", ""),
        "status": f["status"],
        "severity": f["severity"],
        "priority_level": priority.get("level"),
        "priority_score": priority.get("score"),
        "message": f.get("message", ""),
    }


def _state(row: FindingState) -> KnownState:
    return KnownState(
        uid=row.uid,
        provider=row.provider,
        account=row.account,
        policy_id=row.policy_id,
        resource_type=row.resource_type,
        resource_id=row.resource_id,
        region=row.region,
        status=row.status,
        ever_failed=row.ever_failed,
    )


def _aware(value: datetime) -> datetime:
    """UTC, whether the database kept the zone (PostgreSQL) or not (SQLite)."""
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


def _format_time(value: datetime) -> str:
    value = _aware(value)
    if value.microsecond:
        return value.isoformat().replace("+00:00", "Z")
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")
