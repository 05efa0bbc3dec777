"""Snapshots -> the security graph document (schemas/graph.json)."""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping, Sequence
from typing import Any

from cspm_opa.model import Snapshot
from cspm_opa.risk.aws import add_aws
from cspm_opa.risk.azure import add_azure
from cspm_opa.risk.classify import RiskSettings
from cspm_opa.risk.gcp import add_gcp
from cspm_opa.risk.graph import INTERNET, GraphBuilder, SnapshotIndex, exposure

__all__ = ["MAX_DEPTH", "blast_radius", "build_graph"]

MAX_DEPTH = 8
"""No walk over the graph goes further than this many edges."""

_BUILDERS = {"aws": add_aws, "azure": add_azure, "gcp": add_gcp}


def build_graph(
    snapshots: Sequence[Snapshot],
    *,
    settings: RiskSettings | None = None,
    classification: Mapping[str, str] | None = None,
) -> dict[str, Any]:
    """The graph of every snapshot of one scan. ``classification`` maps account ids to
    the scope's data classification (pci, pii, confidential, ...)."""
    settings = settings or RiskSettings()
    classification = classification or {}
    graph = GraphBuilder()
    for provider, add in _BUILDERS.items():
        indexes = [SnapshotIndex(s) for s in snapshots if s.provider == provider]
        if indexes:
            add(graph, indexes, settings, classification)
    _spread_route_exposure(graph)
    for node in graph.nodes.values():
        if node["kind"] == "data" and "exposure" not in node:
            node["exposure"] = exposure("none", [{"rule": "not addressable from a network"}])
    document = graph.document()
    radius = blast_radius(document)
    for key, node in document["nodes"].items():
        if key != INTERNET:
            node["blast_radius"] = radius(key)
    return document


def _spread_route_exposure(graph: GraphBuilder) -> None:
    """A gateway, subnet, ACL, security group or firewall rule on the route to an
    internet-exposed resource is itself exposed: it is what lets the traffic in."""
    for key, node in list(graph.nodes.items()):
        found = node.get("exposure")
        if not found or found["level"] != "internet":
            continue
        for step in found["route"]:
            other = graph.nodes.get(step["resource"])
            if other is not None and step["resource"] != key and "exposure" not in other:
                other["exposure"] = exposure(
                    "internet", [{"rule": "on the route from the internet", "to": key}]
                )


def blast_radius(document: Mapping[str, Any]) -> Any:
    """A function: node key -> how many crown jewels are reachable from it (itself
    included), over at most MAX_DEPTH edges. Memoized; one walk per node asked."""
    nodes: Mapping[str, Mapping[str, Any]] = document["nodes"]
    adjacency: Mapping[str, Sequence[str]] = document["adjacency"]
    memo: dict[str, int] = {}

    def radius(start: str) -> int:
        if start in memo:
            return memo[start]
        seen = {start}
        queue: deque[tuple[str, int]] = deque([(start, 0)])
        jewels = 0
        while queue:
            key, depth = queue.popleft()
            if nodes.get(key, {}).get("crown_jewel"):
                jewels += 1
            if depth == MAX_DEPTH:
                continue
            for nxt in adjacency.get(key, ()):
                if nxt not in seen and nxt != INTERNET:
                    seen.add(nxt)
                    queue.append((nxt, depth + 1))
        memo[start] = jewels
        return jewels

    return radius
