"""The AWS collector on one two-region moto account: API calls per service and operation,
wall time, and the collector's CPU apart from moto's, with and without simulated latency.

    .venv/bin/python benchmarks/bench_collect_calls.py [--workers 8 32] [--latency-ms 30]
        [--scan] [--json OUT]

The estate is the seeded local AWS of cspm_opa.localclouds (the tests' and the demo's),
run by isolated_aws_cloud in a process of its own, so psutil reads moto's CPU apart from
this process's. Its default account (``legacy``) is collected in both regions by the real
collector, in this process, once per worker count and latency:

- calls are counted by a botocore ``before-call`` hook on every client the collector
  makes (each page and each retry-wrapped call counts once), by service and operation,
  beside the resources of each service's types;
- latency is cspm_opa.localclouds.latency's ``before-send`` delay (every HTTP attempt
  waits as if it crossed a network), 0 ms and ``--latency-ms``;
- collector CPU is this process's user+system time during the run (it does nothing
  else meanwhile); moto CPU is the moto process's.

With ``--scan``, ``cspm-opa scan`` of the same account (collection, OPA, report: what a
user runs) is timed as a subprocess too: wall time, CPU of it and its OPA, and their
peak RSS together (sampled every 20 ms); with a cold start-up cache, then warm, without
and with the latency; and with ``--before CHECKOUT`` the same scans by that checkout's
code, alternating with this one's.
Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import botocore.session
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cspm_opa.collect import CollectRequest
from cspm_opa.collect.aws import collect_account
from cspm_opa.collect.aws.session import targets_for
from cspm_opa.localclouds.aws_cloud import AwsCloud
from cspm_opa.localclouds.aws_process import isolated_aws_cloud
from cspm_opa.localclouds.latency import simulated_latency

CLI = str(Path(sys.executable).with_name("cspm-opa"))


@contextlib.contextmanager
def counted_calls() -> Iterator[collections.Counter[tuple[str, str]]]:
    """Count (service, operation) of every API call of clients created inside."""
    counts: collections.Counter[tuple[str, str]] = collections.Counter()
    lock = threading.Lock()
    original = botocore.session.Session.create_client

    def create_client(self: Any, *args: Any, **kwargs: Any) -> Any:
        client = original(self, *args, **kwargs)
        service = client.meta.service_model.service_name

        def count(model: Any, **_: Any) -> None:
            with lock:
                counts[(service, model.name)] += 1

        client.meta.events.register("before-call", count)
        return client

    botocore.session.Session.create_client = create_client
    try:
        yield counts
    finally:
        botocore.session.Session.create_client = original


def moto_process() -> psutil.Process:
    """The child process running the local AWS."""
    (child,) = [
        c for c in psutil.Process().children() if "cspm_opa.localclouds.aws_process" in c.cmdline()
    ]
    return child


def _cpu(proc: psutil.Process) -> float:
    times = proc.cpu_times()
    return float(times.user + times.system)


def collect_once(cloud: AwsCloud, workers: int, latency_ms: float) -> dict[str, Any]:
    moto = moto_process()
    request = CollectRequest(provider="aws", regions=cloud.regions, workers=workers)
    me = psutil.Process()
    with cloud.environment(), simulated_latency(latency_ms), counted_calls() as counts:
        (target,) = targets_for(request)
        cpu0, moto0 = _cpu(me), _cpu(moto)
        started = time.perf_counter()
        doc, stats = collect_account(target, request)
        wall = time.perf_counter() - started
        cpu1, moto1 = _cpu(me), _cpu(moto)
    per_type = {t: len(v) for t, v in doc["resources"].items()}
    return {
        "workers": workers,
        "latency_ms": latency_ms,
        "wall_s": wall,
        "collector_cpu_s": cpu1 - cpu0,
        "moto_cpu_s": moto1 - moto0,
        "calls": sum(counts.values()),
        "collector_counted_calls": stats.calls,
        "resources": sum(per_type.values()),
        "per_operation": {f"{s}:{o}": n for (s, o), n in sorted(counts.items())},
        "per_type": per_type,
    }


def by_service(run: dict[str, Any]) -> list[tuple[str, int, int, list[tuple[str, int]]]]:
    """(service, calls, resources of its types, top operations) rows, most calls first."""
    calls: collections.Counter[str] = collections.Counter()
    ops: dict[str, list[tuple[str, int]]] = collections.defaultdict(list)
    for key, n in run["per_operation"].items():
        service, op = key.split(":", 1)
        calls[service] += n
        ops[service].append((op, n))
    prefixes = {"ec2": ("aws_instance", "aws_security_group", "aws_vpc", "aws_subnet",
                        "aws_ebs", "aws_network", "aws_route", "aws_internet", "aws_eip",
                        "aws_region_settings"),
                "rds": ("aws_db", "aws_rds"), "elbv2": ("aws_lb",), "lambda": ("aws_lambda",),
                "efs": ("aws_efs",), "cloudtrail": ("aws_cloudtrail",), "kms": ("aws_kms",),
                "s3": ("aws_s3",), "iam": ("aws_iam",), "logs": ("aws_cloudwatch_log",),
                "cloudwatch": ("aws_cloudwatch_metric",), "sns": ("aws_sns",)}  # fmt: skip
    rows = []
    for service, n in calls.most_common():
        wanted = prefixes.get(service, (f"aws_{service}",))
        resources = sum(c for t, c in run["per_type"].items() if t.startswith(wanted))
        rows.append((service, n, resources, sorted(ops[service], key=lambda o: -o[1])[:4]))
    return rows


def show(run: dict[str, Any]) -> None:
    print(f"\n{run['workers']} workers, +{run['latency_ms']:.0f} ms: {run['wall_s']:.2f}s wall, "
          f"{run['calls']} calls ({run['calls'] / run['wall_s']:.0f}/s), {run['resources']} "
          f"resources; CPU: collector {run['collector_cpu_s']:.2f}s, moto "
          f"{run['moto_cpu_s']:.2f}s")  # fmt: skip
    print(f"  {'service':<16} {'calls':>6} {'resources':>9}  top operations")
    for service, n, resources, ops in by_service(run):
        top = ", ".join(f"{op} {c}" for op, c in ops)
        print(f"  {service:<16} {n:>6} {resources:>9}  {top}")


def peak_tree_rss(proc: psutil.Process, stop: threading.Event, out: list[float]) -> None:
    """Sample the RSS of ``proc`` and its descendants together until ``stop``."""
    peak = 0.0
    while not stop.is_set():
        try:
            tree = [proc, *proc.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
        except psutil.Error:
            pass
        stop.wait(0.02)
    out.append(peak / 2**20)


# cspm-opa's command line, run by the checkout's own package, optionally with every
# botocore request delayed (the hook is installed before the CLI makes any client).
_RUN_CLI = """
import sys
from cspm_opa.cli import main
from cspm_opa.localclouds.latency import simulated_latency
with simulated_latency(float(sys.argv[1])):
    code = main(sys.argv[2:])
sys.exit(code)
"""


def scan_once(
    cloud: AwsCloud, cache: Path, workers: int, *, root: Path, latency_ms: float = 0.0
) -> dict[str, Any]:
    """``cspm-opa scan`` of the default account in both regions, as a user runs it: wall
    time, CPU of it and its OPA, and their peak RSS together."""
    with tempfile.TemporaryDirectory(prefix="cspm-scan-") as tmp:
        env = {**os.environ, **cloud.env, "CSPM_OPA_CACHE_DIR": str(cache),
               "PYTHONPATH": str(root)}  # fmt: skip
        argv = [sys.executable, "-c", _RUN_CLI, str(latency_ms), "scan", "--provider", "aws",
                "--regions", ",".join(cloud.regions), "--workers", str(workers),
                "--format", "json", "-o", f"{tmp}/result.json"]  # fmt: skip
        started = time.perf_counter()
        with tempfile.TemporaryFile() as errors:
            # cwd=root: python -c puts the working directory first on sys.path.
            proc = subprocess.Popen(
                argv, env=env, cwd=root, stdout=subprocess.DEVNULL, stderr=errors
            )
            watched = psutil.Process(proc.pid)
            stop: threading.Event = threading.Event()
            peak: list[float] = []
            sampler = threading.Thread(target=peak_tree_rss, args=(watched, stop, peak))
            sampler.start()
            _, status, usage = os.wait4(proc.pid, 0)
            wall = time.perf_counter() - started
            stop.set()
            sampler.join()
            code = os.waitstatus_to_exitcode(status)
            if code not in (0, 1):
                errors.seek(0)
                raise RuntimeError(f"scan failed ({code}): {errors.read().decode()[-2000:]}")
    return {"wall_s": wall, "cpu_s": usage.ru_utime + usage.ru_stime, "peak_rss_mib": peak[0],
            "exit": code}  # fmt: skip


def scans(cloud: AwsCloud, args: argparse.Namespace) -> dict[str, Any]:
    """Scans, alternating between the checkouts so both see the same machine: each with a
    cold start-up cache, then twice warm, without and with the simulated latency."""
    out: dict[str, Any] = {}
    roots = {"this checkout": Path(__file__).resolve().parents[1]}
    if args.before:
        roots = {"before": args.before.resolve(), **roots}
    workers = max(args.workers)
    with tempfile.TemporaryDirectory(prefix="cspm-cache-") as caches:
        for latency in (0.0, args.latency_ms):
            for round_ in ("cold", "warm", "warm"):
                for label, root in roots.items():
                    cache = Path(caches, label)
                    if round_ == "cold":
                        shutil.rmtree(cache, ignore_errors=True)
                    r = scan_once(cloud, cache, workers, root=root, latency_ms=latency)
                    key = f"{label}, +{latency:.0f} ms, {round_}"
                    out.setdefault(key, []).append(r)
                    print(f"cspm-opa scan ({key}): {r['wall_s']:.2f}s wall, {r['cpu_s']:.2f}s "
                          f"CPU, peak RSS {r['peak_rss_mib']:.0f} MiB (cspm-opa and OPA)",
                          flush=True)  # fmt: skip
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, nargs="+", default=[8, 32])
    parser.add_argument("--latency-ms", type=float, default=30.0)
    parser.add_argument("--scan", action="store_true", help="also time cspm-opa scan")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--scans-only", action="store_true", help="skip the collector runs")
    parser.add_argument(
        "--before",
        type=Path,
        help="another checkout (e.g. a git worktree of an earlier commit) to scan with too",
    )
    args = parser.parse_args()
    report: dict[str, Any] = {"collect": [], "scan": {}}
    with isolated_aws_cloud() as cloud:
        collect_once(cloud, max(args.workers), 0.0)  # warm-up: models, credential report
        for latency in () if args.scans_only else (0.0, args.latency_ms):
            for workers in args.workers:
                run = collect_once(cloud, workers, latency)
                show(run)
                report["collect"].append(run)
        if args.scan:
            print()
            report["scan"] = scans(cloud, args)
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
