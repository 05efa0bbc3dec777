"""Evaluation throughput, memory, and overhead over OPA itself, for N = 10k and 100k.

For each N, in a fresh process (so peak memory is that N's alone):
  - validate: schema validation of the synthetic snapshot;
  - evaluate(): the library's wall time for the whole snapshot -> findings step;
  - OPA's own numbers for the same requests (its metrics: server handler time, which
    includes parsing the input, and query evaluation time);
  - `opa eval` on the same snapshot file, policies and query, as a second baseline.
Reported as ratios measured in one run; nothing here asserts a time.

    make bench            # or: .venv/bin/python benchmarks/bench_evaluate.py [N ...]
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.synthetic import synthetic_snapshot
from cspm_opa import EvaluationStats, LocalOpa, _json, evaluate, snapshot_from_dict
from cspm_opa._paths import rego_dir
from cspm_opa.engine.binary import find_opa

SIZES = (10_000, 100_000)


def _peak_rss_mib(pid: int | None = None) -> float:
    if pid is None:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(n: int) -> dict[str, float]:
    doc = synthetic_snapshot(n)
    started = time.perf_counter()
    snap = snapshot_from_dict(doc)
    validate_s = time.perf_counter() - started
    with LocalOpa() as engine:
        evaluate([snapshot_from_dict(synthetic_snapshot(200))], engine)  # warm up
        stats = EvaluationStats()
        started = time.perf_counter()
        findings = evaluate([snap], engine, stats=stats)
        evaluate_s = time.perf_counter() - started
        opa_rss = _peak_rss_mib(engine._proc.pid if engine._proc else None)
        opa = find_opa()
    with tempfile.NamedTemporaryFile("wb", suffix=".json", delete=False) as tmp:
        tmp.write(_json.dumps(doc, indent=False))
    started = time.perf_counter()
    proc = subprocess.run(
        [str(opa), "eval", "--format", "json", "-d", str(rego_dir()), "-i", tmp.name,
         "data.cspm.main.results"],
        capture_output=True, check=True,
    )  # fmt: skip
    opa_eval_s = time.perf_counter() - started
    Path(tmp.name).unlink()
    assert proc.stdout, "opa eval returned nothing"
    metrics = stats.opa_metrics
    return {
        "n": n,
        "findings": len(findings),
        "requests": stats.requests,
        "validate_s": validate_s,
        "evaluate_s": evaluate_s,
        "resources_per_s": n / evaluate_s,
        "opa_handler_s": metrics.get("timer_server_handler_ns", 0) / 1e9,
        "opa_query_eval_s": metrics.get("timer_rego_query_eval_ns", 0) / 1e9,
        "opa_eval_cli_s": opa_eval_s,
        "python_peak_rss_mib": _peak_rss_mib(),
        "opa_server_peak_rss_mib": opa_rss,
    }


def main(argv: list[str]) -> None:
    if argv[:1] == ["--one"]:
        print(json.dumps(measure(int(argv[1]))))
        return
    sizes = [int(a) for a in argv] or list(SIZES)
    columns = [("N", 8), ("results", 8), ("req", 4), ("validate", 9), ("evaluate", 9),
               ("res/s", 8), ("x handler", 9), ("x query", 8), ("x opa eval", 10),
               ("py MiB", 7), ("opa MiB", 8)]  # fmt: skip
    print(" ".join(f"{name:>{width}}" for name, width in columns))
    for n in sizes:
        out = subprocess.run(
            [sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True
        ).stdout
        r = json.loads(out.strip().splitlines()[-1])
        print(
            f"{r['n']:>8} {r['findings']:>8} {r['requests']:>4} {r['validate_s']:>8.2f}s "
            f"{r['evaluate_s']:>8.2f}s {r['resources_per_s']:>8.0f} "
            f"{r['evaluate_s'] / r['opa_handler_s']:>9.2f} "
            f"{r['evaluate_s'] / r['opa_query_eval_s']:>8.2f} "
            f"{r['evaluate_s'] / r['opa_eval_cli_s']:>10.2f} "
            f"{r['python_peak_rss_mib']:>7.0f} {r['opa_server_peak_rss_mib']:>8.0f}"
        )
    print(
        "x handler: evaluate() wall / OPA server handler time (input parse + eval), summed over "
        "requests;\nx query: / OPA query evaluation time alone; x opa eval: / `opa eval` wall "
        "time on the same file and query."
    )


if __name__ == "__main__":
    main(sys.argv[1:])
