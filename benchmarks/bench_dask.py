"""The overhead of fanning evaluation out: threads, a LocalCluster of two, a fleet of two.

The same evaluation (ACCOUNTS synthetic accounts of RESOURCES resources each, one request
per account) three ways, in one process and one run:

  threads   LocalOpa and the evaluator's two threads (the default)
  dask      a LocalCluster of two worker processes, each with its own LocalOpa
            (`--dask local --dask-workers 2`); cluster start and the workers' first
            task (which starts their OPA) are timed apart from the evaluation
  fleet     two `opa run --server --bundle` processes as an OpaFleet, one request in
            flight each (`--opa-url A --opa-url B --opa-concurrency 1`)

On a two-core machine none of these can be faster than threads: every way runs two OPA
evaluations at once. What is printed is the overhead, as ratios to threads measured in
this run; nothing is asserted.

    .venv/bin/python benchmarks/bench_dask.py [ACCOUNTS [RESOURCES]]
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.synthetic import ACCOUNT, synthetic_snapshot
from cspm_opa import LocalOpa, evaluate, snapshot_from_dict
from cspm_opa.bundle import build_bundle
from cspm_opa.engine.binary import find_opa
from cspm_opa.engine.client import OpaHttp
from cspm_opa.engine.fleet import OpaFleet
from cspm_opa.model import Finding, Snapshot
from cspm_opa.scale import open_fanout
from cspm_opa.scale.engine import DistributedEngine, policy_source
from cspm_opa.scale.worker import prepare

ACCOUNTS = 24
RESOURCES = 2_000


def estate(accounts: int, resources: int) -> list[Snapshot]:
    text = json.dumps(synthetic_snapshot(resources))
    return [
        snapshot_from_dict(json.loads(text.replace(ACCOUNT, f"{100000000000 + i:012d}")))
        for i in range(accounts)
    ]


def timed(work: Callable[[], list[Finding]]) -> tuple[float, list[Finding]]:
    started = time.perf_counter()
    found = work()
    return time.perf_counter() - started, found


def key(findings: Sequence[Finding]) -> set[tuple[str, str, str, str]]:
    return {(f.uid, f.status.value, f.severity.value, f.message) for f in findings}


def _server(opa: Path, bundle: Path) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen(
        [str(opa), "run", "--server", "--addr", f"127.0.0.1:{port}", "--skip-version-check",
         "--log-level=error", "--bundle", str(bundle)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    OpaHttp(url).wait_healthy(60, alive=lambda: proc.poll() is None)
    return proc, url


def main(argv: Sequence[str]) -> None:
    accounts = int(argv[0]) if argv else ACCOUNTS
    resources = int(argv[1]) if len(argv) > 1 else RESOURCES
    snaps = estate(accounts, resources)
    warm = estate(2, 50)
    print(f"{accounts} accounts x {resources} resources, one request per account")
    rows: dict[str, float] = {}
    with LocalOpa() as engine:
        evaluate(warm, engine, workers=2)
        rows["threads"], expected = timed(lambda: evaluate(snaps, engine, workers=2))

        started = time.perf_counter()
        with open_fanout("local", dask_workers=2) as fanout:
            start_s = time.perf_counter() - started
            remote = DistributedEngine(engine, fanout, policy_source(engine))
            started = time.perf_counter()
            fanout.client.run(prepare, remote.source)  # every worker starts its OPA
            first_s = time.perf_counter() - started
            rows["dask"], found = timed(lambda: evaluate(snaps, remote, workers=2))
        assert key(found) == key(expected), "Dask's findings differ from the threads'"

    opa = find_opa()
    with tempfile.TemporaryDirectory(prefix="cspm-bench-dask-") as tmp:
        bundle = build_bundle(Path(tmp) / "bundle.tar.gz").path
        servers = [_server(opa, bundle) for _ in range(2)]
        try:
            with OpaFleet([url for _, url in servers], concurrency=1) as fleet:
                evaluate(warm, fleet, workers=fleet.parallelism)
                rows["fleet"], found = timed(
                    lambda: evaluate(snaps, fleet, workers=fleet.parallelism)
                )
        finally:
            for proc, _ in servers:
                proc.terminate()
                proc.wait(timeout=10)
        assert key(found) == key(expected), "the fleet's findings differ from the threads'"

    base = rows["threads"]
    print(f"{'way':<10}{'seconds':>10}{'ratio':>8}")
    for name, seconds in rows.items():
        print(f"{name:<10}{seconds:>10.2f}{seconds / base:>7.2f}x")
    print(f"dask: cluster start {start_s:.2f} s, the workers' OPA start {first_s:.2f} s; "
          "neither is in the row above")  # fmt: skip
    print(f"results: {len(expected)} per way, equal sets in all three")


if __name__ == "__main__":
    main(sys.argv[1:])
