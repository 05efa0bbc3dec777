"""The security graph of one scan: resources as nodes, reachability as edges.

One document (schemas/graph.json) for every snapshot of the scan, all accounts and clouds
together, so that a path may cross accounts. Nodes are keyed by :func:`node_key`; each
edge says why it exists and whether its data was collected (``state``: ``known`` or
``unknown``). An edge whose data was not collected is kept as ``unknown``, never dropped:
"not reachable" is only said when the data shows it. ``adjacency`` repeats the edges as
the ``{node: [node, ...]}`` map that OPA's ``graph.reachable`` and
``graph.reachable_paths`` take.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from cspm_opa.model import Snapshot
from cspm_opa.risk.classify import RiskSettings, is_sensitive

__all__ = [
    "EXPOSURE_LEVELS",
    "INTERNET",
    "GraphBuilder",
    "SnapshotIndex",
    "node_key",
    "ref_of",
]

INTERNET = "internet"
"""The key of the one node that stands for the whole internet."""

EXPOSURE_LEVELS = ("internet", "network", "none", "unknown")

Document = Mapping[str, Any]


def node_key(provider: str, account: str, rtype: str, rid: str) -> str:
    """The graph key of a resource: unique across providers and accounts."""
    return f"{provider}/{account}/{rtype}/{rid}"


def ref_of(provider: str, account: str, doc: Document) -> dict[str, str]:
    """The resource ref of the result contract: provider, account, type, id, name."""
    return {
        "provider": provider,
        "account": account,
        "type": str(doc["type"]),
        "id": str(doc["id"]),
        "name": str(doc.get("name") or doc["id"]),
    }


@dataclass
class SnapshotIndex:
    """One snapshot's resources with the lookups the graph builders need: by type, by a
    config field (a subnet by its subnet_id), and whether a type was collected at all
    in a region (a coverage entry naming it means it was not)."""

    snapshot: Snapshot
    _by_field: dict[tuple[str, str], dict[str, list[Document]]] = field(default_factory=dict)

    @property
    def provider(self) -> str:
        return self.snapshot.provider

    @property
    def account(self) -> str:
        return self.snapshot.account_id

    def of(self, rtype: str) -> Iterable[Document]:
        return self.snapshot.resources.get(rtype, {}).values()

    def get(self, rtype: str, rid: str) -> Document | None:
        return self.snapshot.resources.get(rtype, {}).get(rid)

    def by(self, rtype: str, config_field: str, value: str) -> list[Document]:
        """Resources of ``rtype`` whose ``config[config_field]`` is (or, for a list,
        contains) ``value``."""
        index = self._by_field.get((rtype, config_field))
        if index is None:
            index = {}
            for doc in self.of(rtype):
                found = doc.get("config", {}).get(config_field)
                for item in found if isinstance(found, list) else [found]:
                    if isinstance(item, str):
                        index.setdefault(item, []).append(doc)
            self._by_field[(rtype, config_field)] = index
        return index.get(value, [])

    def collected(self, rtype: str, region: str | None = None) -> bool:
        """False when a coverage entry says the listing of ``rtype`` failed (in
        ``region``, or anywhere when ``region`` is None)."""
        for gap in self.snapshot.coverage:
            if rtype in gap.resource_types and (
                region is None or gap.region in (region, "global", "*", "")
            ):
                return False
        return True

    def key(self, doc: Document) -> str:
        return node_key(self.provider, self.account, str(doc["type"]), str(doc["id"]))


@dataclass
class GraphBuilder:
    """Accumulates nodes and edges; :meth:`document` returns the graph document."""

    nodes: dict[str, dict[str, Any]] = field(default_factory=dict)
    edges: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    _index: dict[tuple[str, str, str], dict[str, Any]] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.nodes.setdefault(
            INTERNET,
            {
                "ref": {
                    "provider": "",
                    "account": "",
                    "type": INTERNET,
                    "id": INTERNET,
                    "name": "Internet",
                },
                "kind": "entry",
            },
        )

    def node(self, index: SnapshotIndex, doc: Document, kind: str, **attrs: Any) -> dict[str, Any]:
        """The node of a resource, created on first use; ``attrs`` are merged in."""
        key = index.key(doc)
        node = self.nodes.get(key)
        if node is None:
            node = {"ref": ref_of(index.provider, index.account, doc), "kind": kind}
            if doc.get("region"):
                node["region"] = doc["region"]
            self.nodes[key] = node
        node.update(attrs)
        return node

    def data_node(
        self,
        index: SnapshotIndex,
        doc: Document,
        settings: RiskSettings,
        account_level: str,
        tags: Mapping[str, Any] | None = None,
        **attrs: Any,
    ) -> dict[str, Any]:
        """The node of a data store, with its sensitivity (its tags, or its account's
        classification) and whether that makes it a crown jewel."""
        level, source = settings.sensitivity(tags if tags is not None else doc.get("tags"),
                                             account_level)  # fmt: skip
        sensitive = is_sensitive(level)
        return self.node(
            index,
            doc,
            "data",
            sensitivity=level,
            sensitivity_source=source,
            crown_jewel=sensitive,
            crown_jewel_reason=f"sensitive data ({source})" if sensitive else "",
            **attrs,
        )

    def placeholder(self, key: str, ref: Mapping[str, str], kind: str, why: str) -> dict[str, Any]:
        """A node for something referenced but not collected (a role in an account that
        was not scanned): every edge to it is ``unknown``."""
        node = self.nodes.get(key)
        if node is None:
            node = {"ref": dict(ref), "kind": kind, "collected": False, "why": why}
            self.nodes[key] = node
        return node

    def edge(self, source: str, target: str, kind: str, why: str, *, known: bool = True) -> None:
        """Add ``source -> target``. A second edge between the same two nodes of the same
        kind keeps the first reason and is ``unknown`` only when both are."""
        existing = self._index.get((source, target, kind))
        if existing is not None:
            if known and existing["state"] == "unknown":
                existing.update(state="known", why=why)
            return
        edge = {"to": target, "kind": kind, "why": why, "state": "known" if known else "unknown"}
        self._index[(source, target, kind)] = edge
        self.edges.setdefault(source, []).append(edge)

    def document(self) -> dict[str, Any]:
        adjacency = {
            source: sorted({e["to"] for e in out}) for source, out in sorted(self.edges.items())
        }
        types: dict[str, list[str]] = {}
        for key, node in sorted(self.nodes.items()):
            types.setdefault(str(node["ref"]["type"]), []).append(key)
        return {
            "nodes": dict(sorted(self.nodes.items())),
            "edges": {source: out for source, out in sorted(self.edges.items())},
            "adjacency": adjacency,
            "types": dict(sorted(types.items())),
        }


def exposure(
    level: str,
    evidence: Sequence[Mapping[str, Any]] = (),
    route: Sequence[Mapping[str, Any]] = (),
    summary: str = "",
) -> dict[str, Any]:
    """An exposure value: its level, the evidence (rule ids, ports, CIDRs), the route from
    the internet as path steps (``{"resource": key, "why": text}``, the resource itself
    excluded) and a one-line summary."""
    if level not in EXPOSURE_LEVELS:
        raise ValueError(f"exposure level {level!r} is not one of {EXPOSURE_LEVELS}")
    return {
        "level": level,
        "summary": summary or "; ".join(str(e.get("rule", "")) for e in evidence),
        "evidence": [dict(e) for e in evidence],
        "route": [dict(s) for s in route],
    }
