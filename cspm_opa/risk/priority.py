"""Priority: how urgent a FAIL or UNKNOWN finding is, beyond its severity.

    score = base(severity) + exposure + attack paths + data sensitivity
            + account criticality + blast radius, clamped to 0..100

| factor | points |
|---|---|
| severity | CRITICAL 75, HIGH 60, MEDIUM 40, LOW 20, INFO 5 |
| exposure of the resource | internet +20, unknown +5, network -10, none -15 (1) |
| on an attack path | +15 |
| sensitive data (its own classification) | +5 |
| account criticality | critical +10, high +5, medium 0, low -10 |
| blast radius (crown jewels reachable from it) | +3 each, at most +10 |

(1) 0 for what the graph does not place (account settings, IAM users, trails).

Level: CRITICAL from 85, HIGH from 60, MEDIUM from 35, LOW below. An account-wide
setting (an account, its region settings, a trail, a subscription or project) reaches
every crown jewel of its account. docs/scoring.md works the seed's matrix through this.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from cspm_opa.model import Finding, Severity, Status
from cspm_opa.risk.classify import is_sensitive
from cspm_opa.risk.graph import node_key

__all__ = ["ACCOUNT_WIDE", "BASE", "level_of", "priorities"]

BASE = {
    Severity.CRITICAL: 75,
    Severity.HIGH: 60,
    Severity.MEDIUM: 40,
    Severity.LOW: 20,
    Severity.INFO: 5,
}
EXPOSURE_POINTS = {"internet": 20, "unknown": 5, "network": -10, "none": -15}
CRITICALITY_POINTS = {"critical": 10, "high": 5, "medium": 0, "low": -10}
PATH_POINTS = 15
SENSITIVE_POINTS = 5
ACCOUNT_WIDE = frozenset(
    {
        "aws_account",
        "aws_region_settings",
        "aws_cloudtrail_trail",
        "azurerm_subscription",
        "google_project",
    }
)


def level_of(score: int) -> str:
    if score >= 85:
        return "CRITICAL"
    if score >= 60:
        return "HIGH"
    if score >= 35:
        return "MEDIUM"
    return "LOW"


def priorities(
    findings: Sequence[Finding],
    graph: Mapping[str, Any],
    paths: Sequence[Mapping[str, Any]],
    criticality: Mapping[str, str],
) -> dict[str, dict[str, Any]]:
    """Priority by finding uid, for every FAIL and UNKNOWN finding."""
    nodes: Mapping[str, Mapping[str, Any]] = graph["nodes"]
    on_path: dict[str, list[str]] = {}
    for path in paths:
        for key in path["_keys"]:
            on_path.setdefault(key, []).append(path["id"])
    jewels_by_account: dict[str, int] = {}
    for node in nodes.values():
        if node.get("crown_jewel"):
            account = str(node["ref"]["account"])
            jewels_by_account[account] = jewels_by_account.get(account, 0) + 1
    out: dict[str, dict[str, Any]] = {}
    for f in findings:
        if f.status not in (Status.FAIL, Status.UNKNOWN):
            continue
        key = node_key(f.resource.provider, f.resource.account, f.resource.type, f.resource.id)
        node = nodes.get(key, {})
        placed = node.get("exposure")
        level = placed["level"] if placed else "none"
        path_ids = sorted(set(on_path.get(key, [])))
        sensitivity = str(node.get("sensitivity", "unclassified"))
        crit = criticality.get(f.resource.account, "medium")
        if f.resource.type in ACCOUNT_WIDE:
            radius = jewels_by_account.get(f.resource.account, 0)
        else:
            radius = int(node.get("blast_radius", 0))
        score = (
            BASE[f.severity]
            + (EXPOSURE_POINTS[level] if placed else 0)
            + (PATH_POINTS if path_ids else 0)
            + (SENSITIVE_POINTS if is_sensitive(sensitivity) else 0)
            + CRITICALITY_POINTS.get(crit, 0)
            + min(10, 3 * radius)
        )
        score = max(0, min(100, score))
        out[f.uid] = {
            "level": level_of(score),
            "score": score,
            "factors": {
                "severity": f.severity.value,
                "exposure": level,
                "attack_paths": path_ids,
                "data_sensitivity": sensitivity,
                "account_criticality": crit,
                "blast_radius": radius,
            },
        }
    return out
