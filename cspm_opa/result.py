"""The scan result: the one document every report and export renders from."""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from cspm_opa.compliance import compliance_summary, posture_score
from cspm_opa.engine.catalog import Catalog
from cspm_opa.model import Finding, Severity, Snapshot, Status
from cspm_opa.scope import Scope
from cspm_opa.waivers import Waiver, apply_waivers

if TYPE_CHECKING:
    from cspm_opa.engine.base import Engine

__all__ = ["SCHEMA_VERSION", "Assessment", "assess", "build_scan_result"]

SCHEMA_VERSION = "1"


@dataclass(frozen=True)
class Assessment:
    """Findings after waivers, and the scan result built from them."""

    findings: list[Finding]
    result: dict[str, Any]
    graph: Mapping[str, Any] | None = field(default=None, repr=False)
    """The security graph (schemas/graph.json), when risk was assessed."""


def assess(
    snapshots: Sequence[Snapshot],
    findings: Sequence[Finding],
    catalog: Catalog,
    *,
    scope: Scope | None = None,
    waivers: Sequence[Waiver] = (),
    today: date | None = None,
    generated_at: str | None = None,
    tool: dict[str, str] | None = None,
    engine: Engine | None = None,
) -> Assessment:
    """Apply waivers, classify accounts, assess risk (with ``engine``: the graph, its
    attack paths and every FAIL and UNKNOWN finding's priority), score, and assemble the
    scan result."""
    today = today or datetime.now(UTC).date()
    waived, waiver_report = apply_waivers(findings, waivers, today)
    paths: list[dict[str, Any]] = []
    graph: Mapping[str, Any] | None = None
    if engine is not None:
        from cspm_opa.risk import assess_risk

        scope = scope or Scope()
        profiles = scope.profiles(snapshots)
        risk = assess_risk(
            snapshots,
            waived,
            engine,
            settings=scope.risk,
            classification={p.account: p.data_classification for p in profiles},
            criticality={p.account: p.criticality for p in profiles},
        )
        waived = [
            dataclasses.replace(f, priority=risk.priorities[f.uid])
            if f.uid in risk.priorities
            else f
            for f in waived
        ]
        paths, graph = risk.paths, risk.graph
    result = build_scan_result(
        snapshots,
        waived,
        catalog,
        scope=scope,
        waiver_report=waiver_report,
        generated_at=generated_at,
        tool=tool,
        attack_paths=paths,
    )
    return Assessment(waived, result, graph)


def build_scan_result(
    snapshots: Sequence[Snapshot],
    findings: Sequence[Finding],
    catalog: Catalog,
    *,
    scope: Scope | None = None,
    waiver_report: Sequence[dict[str, Any]] = (),
    generated_at: str | None = None,
    tool: dict[str, str] | None = None,
    attack_paths: Sequence[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    """Assemble the scan result (schemas/scan_result.json) from one run's values."""
    scope = scope or Scope()
    profiles = scope.profiles(snapshots)
    providers = {s.provider for s in snapshots}
    policies = [p for p in catalog.policies if p.provider in providers]
    criticality = {p.account: p.criticality for p in profiles}
    result: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "generated_at": generated_at or _now(),
    }
    if tool:
        result["tool"] = tool
    if scope.organization:
        result["organization"] = scope.organization
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
                    "resources": s.resource_count(),
                    **profile.to_dict(),
                }
                for s, profile in zip(snapshots, profiles, strict=True)
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
            "compliance": compliance_summary(policies, findings, profiles),
            "posture_score": posture_score(findings, criticality, attack_paths),
            "summary": _summary(findings, criticality, attack_paths),
            "waivers": list(waiver_report),
            "coverage": [
                {"provider": s.provider, "account": s.account_id, **gap.to_dict()}
                for s in snapshots
                for gap in s.coverage
            ],
            "attack_paths": [dict(p) for p in attack_paths],
        }
    )
    return result


def _summary(
    findings: Sequence[Finding],
    criticality: dict[str, str],
    paths: Sequence[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    failing = Counter(f.severity for f in findings if f.status is Status.FAIL)
    statuses = Counter(f.status for f in findings)
    by_account: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        by_account[f.resource.account].append(f)
    return {
        "by_severity": {s.value: failing[s] for s in sorted(Severity, reverse=True)},
        "by_status": {s.value: statuses[s] for s in Status},
        "by_account": {
            account: {
                "posture_score": posture_score(items, criticality, paths),
                "by_status": {s.value: sum(f.status is s for f in items) for s in Status},
            }
            for account, items in sorted(by_account.items())
        },
    }


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
