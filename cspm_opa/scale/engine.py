"""DistributedEngine: every evaluation request becomes a task on a Dask cluster.

The evaluator is unaware: it calls :meth:`evaluate_document` from as many threads as the
cluster has worker threads (:attr:`parallelism`), and each call waits for its task. The
task carries the snapshot (or part) itself, since a worker does not share this machine's
disk, and the :class:`~cspm_opa.scale.worker.PolicySource` naming the checks: the custom
ones as a bundle built here by ``cspm-opa bundle``'s code. The local engine keeps the
catalog and answers what is not per snapshot (the attack-path rules over the graph).
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from cspm_opa.engine.base import Engine
from cspm_opa.engine.client import EvalResponse, OpaHttp
from cspm_opa.engine.digest import directory_digest
from cspm_opa.scale.executors import Fanout
from cspm_opa.scale.worker import PolicySource, evaluate_part

__all__ = ["DistributedEngine", "policy_source"]


def policy_source(
    local: Engine,
    policies: Sequence[str | Path] = (),
    *,
    allow_network: bool = False,
    opa_bin: str | Path | None = None,
) -> PolicySource:
    """What workers need to hold ``local``'s checks: its digest, and the custom checks as
    a bundle (none when only the built-in pack is used)."""
    digest = directory_digest(local.catalog.directories)
    if not policies:
        return PolicySource(digest, allow_network=allow_network)
    from cspm_opa.bundle import build_bundle

    with tempfile.TemporaryDirectory(prefix="cspm-opa-dask-") as tmp:
        info = build_bundle(
            Path(tmp) / "bundle.tar.gz",
            policies=policies,
            allow_network=allow_network,
            opa_bin=opa_bin,
        )
        data = info.path.read_bytes()
    return PolicySource(digest, bundle=data, allow_network=allow_network)


class DistributedEngine(Engine):
    """Evaluate each document on ``fanout``'s workers; ``local`` keeps the catalog."""

    def __init__(self, local: Engine, fanout: Fanout, source: PolicySource):
        self.local = local
        self.catalog = local.catalog
        self.fanout = fanout
        self.source = source

    @property
    def parallelism(self) -> int:
        """How many requests run at once: the cluster's worker threads."""
        return self.fanout.width

    @property
    def http(self) -> OpaHttp:
        return self.local.http

    def evaluate_document(self, document: Mapping[str, Any]) -> EvalResponse:
        return self.fanout.executor.submit(evaluate_part, self.source, document).result()

    def close(self) -> None:
        self.local.close()
