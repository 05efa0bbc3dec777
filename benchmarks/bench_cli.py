"""The command line as a user runs it, against `opa eval` of the same policies and input.

For each size (10k, 100k) and shape (the realistic mix of types; one dominant type), a
synthetic snapshot file is written once, then these two run in turn, REPEAT times each:

    cspm-opa evaluate SNAPSHOT --format json -o RESULT     (the console script, cold)
    opa eval --format json -d rego -i SNAPSHOT data.cspm.main.results > /dev/null

Both are wall times of a fresh process, start-up included: cspm-opa starts its own OPA
server, validates the snapshot, evaluates, builds every finding and writes the scan
result. Reported: the best run of each and their ratio (runs alternate, so both see the
same machine), and the median of the per-round ratios. Nothing here asserts a time.

    make bench            # or: .venv/bin/python benchmarks/bench_cli.py [--repeat R] [N ...]
"""

from __future__ import annotations

import argparse
import os
import shlex
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.synthetic import DOMINANT, synthetic_snapshot
from cspm_opa import _json
from cspm_opa._paths import rego_dir
from cspm_opa.engine.binary import find_opa

SIZES = (10_000, 100_000)
SHAPES = {"mix": None, "dominant": DOMINANT}


def _wall(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - started


def measure(n: int, only: str | None, repeat: int, workdir: Path) -> dict[str, object]:
    snapshot = workdir / f"snapshot-{n}-{only or 'mix'}.json"
    snapshot.write_bytes(_json.dumps(synthetic_snapshot(n, only=only), indent=False))
    cli = [str(Path(sys.executable).with_name("cspm-opa")), "evaluate", str(snapshot),
           "--format", "json", "-o", str(workdir / "result.json")]  # fmt: skip
    opa = [str(find_opa()), "eval", "--format", "json", "-d", str(rego_dir()),
           "-i", str(snapshot), "data.cspm.main.results"]  # fmt: skip
    cli_s, opa_s = [], []
    for _ in range(repeat):
        cli_s.append(_wall(cli))
        opa_s.append(_wall(opa))
    findings = len(_json.loads((workdir / "result.json").read_bytes())["findings"])
    snapshot.unlink()
    return {
        "n": n,
        "shape": f"one type ({only})" if only else "mix",
        "findings": findings,
        "cli_s": min(cli_s),
        "opa_s": min(opa_s),
        "median_ratio": statistics.median(c / o for c, o in zip(cli_s, opa_s, strict=True)),
        "opa_command": shlex.join(opa) + " > /dev/null",
    }


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=list(SIZES))
    parser.add_argument("--repeat", type=int, default=3, help="runs of each command (3)")
    args = parser.parse_args(argv)
    print(f"{'N':>8} {'shape':<32} {'results':>8} {'cspm-opa':>9} {'opa eval':>9} "
          f"{'x best':>7} {'x median':>8}")  # fmt: skip
    commands = []
    with tempfile.TemporaryDirectory(prefix="cspm-bench-cli-") as tmp:
        for n in args.sizes:
            for only in SHAPES.values():
                r = measure(n, only, args.repeat, Path(tmp))
                commands.append(r["opa_command"])
                print(
                    f"{r['n']:>8} {r['shape']:<32} {r['findings']:>8} {r['cli_s']:>8.2f}s "
                    f"{r['opa_s']:>8.2f}s {r['cli_s'] / r['opa_s']:>7.2f} "  # type: ignore[operator]
                    f"{r['median_ratio']:>8.2f}",
                    flush=True,
                )
    print(
        f"cspm-opa: `cspm-opa evaluate SNAPSHOT --format json -o RESULT` wall time, best of "
        f"{args.repeat}; opa eval: the same for `opa eval` ({os.cpu_count()} CPUs);\n"
        "x best: ratio of the best runs; x median: median of each round's ratio. "
        "opa eval commands:"
    )
    for command in dict.fromkeys(commands):
        print(f"  {command}")


if __name__ == "__main__":
    main(sys.argv[1:])
