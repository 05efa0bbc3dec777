"""The executor that collection and evaluation fan out on.

Threads by default. With a Dask address (``--dask``, else ``CSPM_OPA_DASK``) it is a
``dask.distributed`` client's :meth:`~distributed.Client.get_executor`: ``local`` starts a
LocalCluster of ``dask_workers`` worker processes (one thread each) on this machine, and
``tcp://host:8786`` (or ``tls://``) joins a running scheduler. Dask is imported only then;
it comes with the ``scale`` extra.
"""

from __future__ import annotations

import logging
import os
from concurrent.futures import Executor, ThreadPoolExecutor
from types import TracebackType
from typing import Any, Self

from cspm_opa.errors import ConfigError, RuntimeFailure

__all__ = ["ENV_DASK", "Fanout", "open_fanout"]

ENV_DASK = "CSPM_OPA_DASK"
CONNECT_TIMEOUT = 30.0


class Fanout:
    """An executor, how many tasks it runs at once, and whether tasks leave this process
    (and so must carry only picklable values, and find their own credentials)."""

    def __init__(
        self,
        executor: Executor,
        width: int,
        *,
        address: str | None = None,
        client: Any = None,
        cluster: Any = None,
    ):
        self.executor = executor
        self.width = max(1, width)
        self.address = address
        self.client = client
        self._cluster = cluster

    @property
    def distributed(self) -> bool:
        return self.client is not None

    def describe(self) -> str:
        if self.client is None:
            return f"{self.width} thread(s)"
        return f"Dask at {self.address} ({self.width} worker thread(s))"

    def close(self) -> None:
        self.executor.shutdown(wait=True)
        if self.client is not None:
            self.client.close()
        if self._cluster is not None:
            self._cluster.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def open_fanout(
    dask: str | None = None, *, dask_workers: int | None = None, threads: int = 4
) -> Fanout:
    """Threads, or the Dask cluster ``dask`` (else ``$CSPM_OPA_DASK``) names."""
    address = (dask if dask is not None else os.environ.get(ENV_DASK, "")).strip()
    if not address:
        if dask_workers is not None:
            raise ConfigError("--dask-workers sizes a local Dask cluster: add --dask local")
        return Fanout(ThreadPoolExecutor(max_workers=max(1, threads)), threads)
    distributed = _import_distributed()
    cluster = None
    if address == "local":
        workers = dask_workers or os.cpu_count() or 1
        if workers < 1:
            raise ConfigError(f"--dask-workers must be at least 1, not {workers}")
        cluster = distributed.LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # no fixed port: several runs share a machine
            silence_logs=logging.ERROR,
        )
        client = distributed.Client(cluster)
    else:
        if dask_workers is not None:
            raise ConfigError(
                "--dask-workers sizes a local Dask cluster (--dask local); a running "
                "scheduler has the workers that joined it"
            )
        if "://" not in address:
            raise ConfigError(
                f"--dask {address!r}: want 'local' or a scheduler address such as tcp://host:8786"
            )
        try:
            client = distributed.Client(address, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as exc:
            raise RuntimeFailure(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    try:
        width = sum(client.nthreads().values())
        if width == 0:
            client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
            width = sum(client.nthreads().values())
    except (OSError, TimeoutError) as exc:
        client.close()
        if cluster is not None:
            cluster.close()
        raise RuntimeFailure(f"the Dask scheduler at {address} has no workers: {exc}") from exc
    where = cluster.scheduler_address if cluster is not None else address
    return Fanout(
        client.get_executor(pure=False), width, address=where, client=client, cluster=cluster
    )


def _import_distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise ConfigError("--dask needs dask.distributed: pip install 'cspm-opa[scale]'") from exc
    return distributed
