"""Scale-out: collection and evaluation on a ``concurrent.futures.Executor`` (threads,
or a Dask cluster), and evaluation on Dask workers' own OPA servers.

See docs/scale.md. Dask itself is imported only when a cluster is asked for.
"""

from __future__ import annotations

from cspm_opa.scale.executors import ENV_DASK, Fanout, open_fanout

__all__ = ["ENV_DASK", "Fanout", "open_fanout"]
