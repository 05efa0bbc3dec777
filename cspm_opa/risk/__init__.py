"""Risk beyond severity: the security graph of a scan, exposure, attack paths found by
path rules in Rego, and the priority of every FAIL and UNKNOWN finding.

::

    from cspm_opa.risk import assess_risk

    risk = assess_risk(snapshots, findings, engine, scope=scope)
    risk.paths         # the scan result's attack_paths
    risk.priorities    # priority by finding uid
    risk.graph         # the graph document (schemas/graph.json)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from cspm_opa.model import Finding, Snapshot
from cspm_opa.risk.build import build_graph
from cspm_opa.risk.classify import RiskSettings
from cspm_opa.risk.paths import attack_paths
from cspm_opa.risk.priority import priorities

if TYPE_CHECKING:
    from cspm_opa.engine.base import Engine

__all__ = ["RiskAssessment", "RiskSettings", "assess_risk", "build_graph"]


@dataclass(frozen=True)
class RiskAssessment:
    """What the risk layer adds to a scan."""

    graph: Mapping[str, Any]
    paths: list[dict[str, Any]]
    priorities: dict[str, dict[str, Any]]
    notes: list[str] = field(default_factory=list)


def assess_risk(
    snapshots: Sequence[Snapshot],
    findings: Sequence[Finding],
    engine: Engine,
    *,
    settings: RiskSettings | None = None,
    classification: Mapping[str, str] | None = None,
    criticality: Mapping[str, str] | None = None,
) -> RiskAssessment:
    """Build the graph, let OPA's path rules walk it (one request), and prioritise."""
    graph = build_graph(snapshots, settings=settings, classification=classification)
    answers = engine.evaluate_paths(graph) if engine.catalog.paths else {}
    rules = {rule.key: rule.meta() for rule in engine.catalog.paths}
    paths, notes = attack_paths(answers, graph, rules, findings)
    by_uid = priorities(findings, graph, paths, criticality or {})
    for path in paths:
        path.pop("_keys", None)
    return RiskAssessment(graph, paths, by_uid, notes)
