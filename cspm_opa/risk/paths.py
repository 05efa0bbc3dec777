"""Attack paths: what the path rules (Rego under cspm.paths.*) found in the graph, as the
scan result's ``attack_paths`` entries.

A rule answers ``{"entry", "steps": [{"resource": key, "why"}], "target": {"resource":
key, "why"}}`` with graph node keys; here each becomes a path with resource refs, its
confidence (``possible`` when a step or edge on it was not collected, with those edges
listed), the accounts it crosses, the FAIL and UNKNOWN findings on its resources, and a
deadline by risk.
"""

from __future__ import annotations

import hashlib
import itertools
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from cspm_opa.errors import PolicyError
from cspm_opa.model import Finding, Status
from cspm_opa.risk.build import MAX_DEPTH
from cspm_opa.risk.graph import INTERNET, node_key

__all__ = ["ENTRIES", "MAX_PATHS_PER_RULE", "REMEDIATE_WITHIN", "attack_paths"]

REMEDIATE_WITHIN = {"CRITICAL": "P1D", "HIGH": "P7D", "MEDIUM": "P30D", "LOW": "P90D"}
ENTRIES = ("internet", "network", "identity")
MAX_PATHS_PER_RULE = 1000
"""A rule that matches more paths than this keeps the first (by id) and says so."""

_RISK_ORDER = {"CRITICAL": 0, "HIGH": 1, "MEDIUM": 2, "LOW": 3}


def attack_paths(
    answers: Mapping[str, Iterable[Mapping[str, Any]]],
    graph: Mapping[str, Any],
    rules: Mapping[str, Mapping[str, str]],
    findings: Sequence[Finding],
) -> tuple[list[dict[str, Any]], list[str]]:
    """The paths, sorted by risk then confidence, and notes on what was cut or refused.

    ``answers`` maps a rule's package key (``aws.ssh_to_admin``) to what its ``paths``
    rule produced; ``rules`` maps the same key to its METADATA (id, title, severity,
    file)."""
    nodes: Mapping[str, Mapping[str, Any]] = graph["nodes"]
    edges: Mapping[str, Sequence[Mapping[str, Any]]] = graph["edges"]
    by_resource: dict[str, list[str]] = {}
    for f in findings:
        if f.status in (Status.FAIL, Status.UNKNOWN):
            key = node_key(f.resource.provider, f.resource.account, f.resource.type, f.resource.id)
            by_resource.setdefault(key, []).append(f.uid)
    out: dict[str, dict[str, Any]] = {}
    notes: list[str] = []
    for rule_key, produced in sorted(answers.items()):
        meta = rules.get(rule_key)
        if meta is None:
            raise PolicyError(f"path rule cspm.paths.{rule_key} has no METADATA")
        found: list[dict[str, Any]] = []
        for raw in produced:
            found.append(_path(raw, meta, nodes, edges, by_resource))
        found.sort(key=lambda p: p["id"])
        if len(found) > MAX_PATHS_PER_RULE:
            notes.append(f"{meta['id']}: {len(found)} paths, the first {MAX_PATHS_PER_RULE} kept")
            found = found[:MAX_PATHS_PER_RULE]
        for path in found:
            out.setdefault(path["id"], path)
    ordered = sorted(
        out.values(),
        key=lambda p: (_RISK_ORDER[p["risk"]], p["confidence"] != "certain", p["title"], p["id"]),
    )
    return ordered, notes


def _path(
    raw: Mapping[str, Any],
    meta: Mapping[str, str],
    nodes: Mapping[str, Mapping[str, Any]],
    edges: Mapping[str, Sequence[Mapping[str, Any]]],
    by_resource: Mapping[str, list[str]],
) -> dict[str, Any]:
    where = f"{meta['file']} ({meta['id']})"
    try:
        entry = str(raw["entry"])
        steps = [(str(s["resource"]), str(s.get("why", ""))) for s in raw["steps"]]
        target = (str(raw["target"]["resource"]), str(raw["target"].get("why", "")))
    except (KeyError, TypeError) as exc:
        raise PolicyError(
            f"{where}: a path must be {{entry, steps: [{{resource, why}}], target: "
            f"{{resource, why}}}}; got {dict(raw)!r}"
        ) from exc
    if entry not in ENTRIES:
        raise PolicyError(f"{where}: entry {entry!r} is not one of {', '.join(ENTRIES)}")
    if len(steps) > MAX_DEPTH + 4:
        raise PolicyError(f"{where}: a path of {len(steps)} steps is longer than the bound")
    chain = [*steps, target]
    for key, _ in chain:
        if key not in nodes:
            raise PolicyError(f"{where}: {key!r} is not a node of the graph")
    unknown: list[dict[str, str]] = []
    keys = [k for k, _ in chain]
    first = nodes[keys[0]]
    if entry == "internet" and first.get("exposure", {}).get("level") == "unknown":
        unknown.append({"from": INTERNET, "to": keys[0], "why": "exposure not collected"})
    for key in keys:
        if nodes[key].get("collected") is False:
            unknown.append({"from": key, "to": key, "why": str(nodes[key].get("why", ""))})
        if nodes[key].get("privilege") == "unknown" and key == keys[-1]:
            unknown.append({"from": key, "to": key, "why": "privileges not collected"})
    for a, b in itertools.pairwise(keys):
        for edge in edges.get(a, ()):
            if edge["to"] == b and edge["state"] == "unknown":
                unknown.append({"from": a, "to": b, "why": str(edge["why"])})
    risk = {"INFO": "LOW"}.get(meta["severity"], meta["severity"])
    digest = hashlib.sha256("\x1f".join([meta["id"], entry, *keys]).encode()).hexdigest()
    accounts = sorted({str(nodes[k]["ref"]["account"]) for k in keys if nodes[k]["ref"]["account"]})
    path: dict[str, Any] = {
        "id": f"{meta['id']}-{digest[:12]}",
        "rule": meta["id"],
        "title": meta["title"],
        "risk": risk,
        "confidence": "possible" if unknown else "certain",
        "accounts": accounts,
        "entry": entry,
        "steps": [{"resource": dict(nodes[k]["ref"]), "why": why} for k, why in steps],
        "target": {"resource": dict(nodes[target[0]]["ref"]), "why": target[1]},
        "findings": sorted({uid for k in keys for uid in by_resource.get(k, ())}),
        "remediate_within": REMEDIATE_WITHIN[risk],
    }
    if unknown:
        path["unknown_edges"] = [
            {
                "from": dict(nodes[u["from"]]["ref"]) if u["from"] in nodes else u["from"],
                "to": dict(nodes[u["to"]]["ref"]),
                "why": u["why"],
            }
            for u in unknown
        ]
    path["_keys"] = keys
    return path
