"""The fixed cost of a run: ``cspm-opa evaluate`` of a 50-resource snapshot, where
start-up (Python, OPA, the capability check, the catalog, the snapshot validators) is
nearly all of the time.

    .venv/bin/python benchmarks/bench_startup.py [--rounds 5] [--before CHECKOUT]

Three variants run in turn each round, so all see the same machine: this checkout with a
warm cache (CSPM_OPA_CACHE_DIR kept between rounds), this checkout with an empty cache
(what the first run after an upgrade or a policy change pays), and, with ``--before``,
another checkout (a git worktree of an earlier commit, run through PYTHONPATH). Reported:
the median wall time and CPU (the process and its children: OPA and the opa
subcommands) of each. Nothing here asserts a time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


ROOT = Path(__file__).resolve().parents[1]


def write_snapshot(root: Path, path: Path) -> None:
    """The 50-resource synthetic snapshot as ``root``'s own code builds it (its schemas
    may differ from this checkout's)."""
    code = (
        "import sys; from benchmarks.synthetic import synthetic_snapshot; "
        "from cspm_opa import _json; "
        "open(sys.argv[1], 'wb').write(_json.dumps(synthetic_snapshot(50), indent=False))"
    )
    subprocess.run([sys.executable, "-c", code, str(path)], cwd=root, check=True)


def run(root: Path, snapshot: Path, cache: Path, out: Path) -> tuple[float, float]:
    env = {**os.environ, "PYTHONPATH": str(root), "CSPM_OPA_CACHE_DIR": str(cache)}
    argv = [sys.executable, "-m", "cspm_opa", "evaluate", str(snapshot), "--format", "json",
            "-o", str(out)]  # fmt: skip
    started = time.perf_counter()
    # cwd=root: python -m puts the working directory first on sys.path.
    proc = subprocess.Popen(
        argv, env=env, cwd=root, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise RuntimeError(f"evaluate failed under {root}")
    return wall, usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--before", type=Path)
    args = parser.parse_args()
    results: dict[str, list[tuple[float, float]]] = {}
    with tempfile.TemporaryDirectory(prefix="cspm-startup-") as tmp:
        work = Path(tmp)
        snapshot = work / "snapshot.json"
        write_snapshot(ROOT, snapshot)
        warm = work / "warm-cache"
        run(ROOT, snapshot, warm, work / "r.json")  # fill the warm cache
        if args.before:
            old = work / "snapshot-before.json"
            write_snapshot(args.before.resolve(), old)
        for i in range(args.rounds):
            variants = {
                "warm cache": (ROOT, warm, snapshot),
                "empty cache": (ROOT, work / f"cold-{i}", snapshot),
            }
            if args.before:
                variants["before"] = (args.before.resolve(), work / f"before-{i}", old)
            for label, (root, cache, doc) in variants.items():
                results.setdefault(label, []).append(run(root, doc, cache, work / "r.json"))
    for label, runs in results.items():
        wall = statistics.median(r[0] for r in runs)
        cpu = statistics.median(r[1] for r in runs)
        print(f"{label:<12} median wall {wall:5.2f}s  CPU {cpu:5.2f}s  ({len(runs)} runs)")


if __name__ == "__main__":
    main()
