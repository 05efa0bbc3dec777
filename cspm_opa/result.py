"""The scan result: the one document every report and export renders from."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from cspm_opa.compliance import compliance_summary, posture_score
from cspm_opa.engine.catalog import Catalog
from cspm_opa.model import Finding, Severity, Snapshot, Status

__all__ = ["SCHEMA_VERSION", "build_scan_result"]

SCHEMA_VERSION = "1"


def build_scan_result(
    snapshots: Sequence[Snapshot],
    findings: Sequence[Finding],
    catalog: Catalog,
    *,
    generated_at: str | None = None,
    tool: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Assemble the scan result (schemas/scan_result.json) from one run's values."""
    providers = {s.provider for s in snapshots}
    policies = [p for p in catalog.policies if p.provider in providers]
    result: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "generated_at": generated_at or _now(),
    }
    if tool:
        result["tool"] = tool
    result.update(
        {
            "scope": [
                {
                    "provider": s.provider,
                    "account": s.account_id,
                    "name": s.account_name,
                    "labels": dict(s.document["account"].get("labels", {})),
                    "regions": list(s.regions),
                    "taken_at": s.taken_at,
                }
                for s in snapshots
            ],
            "policies": [
                {
                    "id": p.id,
                    "title": p.title,
                    "description": p.description,
                    "remediation": p.remediation,
                    "severity": p.severity.value,
                    "resource_type": p.resource_type,
                    "package": p.package,
                    "compliance": [
                        {"framework": c.framework, "control": c.control} for c in p.compliance
                    ],
                }
                for p in policies
            ],
            "findings": [f.to_dict() for f in findings],
            "compliance": compliance_summary(policies, findings),
            "posture_score": posture_score(findings),
            "summary": _summary(findings),
            "coverage": [
                {"provider": s.provider, "account": s.account_id, **gap.to_dict()}
                for s in snapshots
                for gap in s.coverage
            ],
            "attack_paths": [],
        }
    )
    return result


def _summary(findings: Sequence[Finding]) -> dict[str, dict[str, int]]:
    failing = Counter(f.severity for f in findings if f.status is Status.FAIL)
    statuses = Counter(f.status for f in findings)
    return {
        "by_severity": {s.value: failing[s] for s in sorted(Severity, reverse=True)},
        "by_status": {s.value: statuses[s] for s in Status},
    }


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
