"""Where OPA spends its time in the packs, and resource-checks per second per core.

For each cloud a 100k-resource snapshot is built and, on the same file:

    opa eval --profile --profile-sort total_time_ns -d rego -i SNAPSHOT data.cspm.main.results
        -> the time of every expression, summed per check (the file it lives in; a helper
           under rego/lib is its own row) -> the top ten, in ns and as a share of the total;
    opa eval (no profiling)                      -> OPA's own throughput;
    cspm-opa evaluate SNAPSHOT --format json     -> the command line's throughput.

A resource-check is one (check, resource) verdict: the sum over checks of the number of
resources of the check's type. Per core means per CPU second (user + system of the
process and its children, OPA included), so the figures do not depend on how many cores
the machine lends to the run.

The snapshots: AWS is benchmarks/synthetic.py's mix (``--aws synthetic``, the default, as
in make bench) or, like Azure and GCP, the demo estate collected from the local clouds
(cspm-opa demo's data) with every resource type other than the account itself repeated
until the snapshot holds N resources. A repeat gets its own id and name (``-x<k>``) and
keeps its references to the original's neighbours, so joins do the work of a large
estate even though the repeats point at the first copy.

    .venv/bin/python benchmarks/bench_profile.py [--clouds aws azure gcp] [--n 100000]
        [--top 10] [--json OUT] [--aws synthetic|demo] [--skip-cli] [--demo-dir DIR]
        [--root CHECKOUT]
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.synthetic import synthetic_snapshot
from cspm_opa import _json
from cspm_opa._paths import rego_dir
from cspm_opa.engine.binary import find_opa
from cspm_opa.engine.catalog import load_catalog

ENTRYPOINT = "data.cspm.main.results"
SINGLETONS = frozenset(
    {"aws_account", "aws_region_settings", "azurerm_subscription", "google_project"}
)
"""Types with one resource per account (or per region of it): not repeated."""


def demo_snapshot(provider: str, saved: Path | None = None) -> dict[str, Any]:
    """The first snapshot of ``provider``'s part of the demo estate: collected now, or
    read from ``saved``/demo-<provider>.json (a list of snapshot documents)."""
    if saved is not None:
        docs: list[dict[str, Any]] = json.loads((saved / f"demo-{provider}.json").read_text())
        return docs[0]
    from cspm_opa.localclouds.demo_estate import demo_parts

    (part,) = [p for p in demo_parts() if p.provider == provider]
    return part.collect()[0]


def inflate(doc: dict[str, Any], n: int) -> dict[str, Any]:
    """``doc`` with its non-singleton resources repeated until it holds about ``n``."""
    resources: dict[str, dict[str, Any]] = doc["resources"]
    fixed = sum(len(v) for t, v in resources.items() if t in SINGLETONS)
    base = [(t, r) for t, by_id in sorted(resources.items()) if t not in SINGLETONS
            for r in by_id.values()]  # fmt: skip
    out = copy.deepcopy(doc)
    grown: dict[str, dict[str, Any]] = out["resources"]
    k = 1
    total = fixed + len(base)
    while total < n:
        for rtype, resource in base:
            if total >= n:
                break
            twin = copy.deepcopy(resource)
            twin["id"] = f"{resource['id']}-x{k}"
            if isinstance(twin.get("name"), str):
                twin["name"] = f"{twin['name']}-x{k}"
            grown[rtype][twin["id"]] = twin
            total += 1
        k += 1
    return out


def snapshot_for(cloud: str, n: int, aws: str, saved: Path | None) -> dict[str, Any]:
    if cloud == "aws" and aws == "synthetic":
        return synthetic_snapshot(n)
    return inflate(demo_snapshot(cloud, saved), n)


def resource_checks(doc: dict[str, Any], types_by_check: dict[str, str]) -> int:
    """(check, resource) verdicts: resources of each check's type, summed over checks."""
    counts = {t: len(v) for t, v in doc["resources"].items()}
    provider = doc.get("provider", "aws")
    return sum(
        counts.get(rtype, 0) for key, rtype in types_by_check.items() if key.startswith(provider)
    )


def cpu_of(
    argv: list[str], env: dict[str, str] | None = None, cwd: Path | None = None
) -> tuple[float, float, bytes]:
    """(wall, CPU seconds including children, stdout) of ``argv``."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        proc = subprocess.Popen(argv, stdout=out, stderr=errors, env=env, cwd=cwd)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        errors.seek(0)
        err = errors.read()
        code = os.waitstatus_to_exitcode(status)
        if code not in (0, 1):
            raise RuntimeError(f"{argv[:2]} failed ({code}): {err.decode()[-2000:]}")
        out.seek(0)
        return wall, usage.ru_utime + usage.ru_stime, out.read()


def profile(opa: Path, snapshot: Path, rego: Path) -> tuple[list[dict[str, Any]], int]:
    """OPA's profile of every expression, and its query evaluation time (ns)."""
    argv = [str(opa), "eval", "--format", "json", "--profile", "--profile-sort", "total_time_ns",
            "--profile-limit", "100000", "-d", str(rego), "-i", str(snapshot),
            ENTRYPOINT]  # fmt: skip
    _, _, out = cpu_of(argv)
    answer = json.loads(out)
    return answer.get("profile", []), int(answer["metrics"]["timer_rego_query_eval_ns"])


def per_check(rows: Iterable[dict[str, Any]], rego: Path) -> list[tuple[str, int]]:
    """Profile time summed per Rego file (a check, or a helper library), highest first."""
    root = str(rego.parent) + os.sep
    totals: dict[str, int] = defaultdict(int)
    for row in rows:
        file = str(row.get("location", {}).get("file", "?")).removeprefix(root)
        totals[file] += int(row.get("total_time_ns", 0))
    return sorted(totals.items(), key=lambda item: -item[1])


def measure(
    cloud: str, n: int, aws: str, *, top: int, skip_cli: bool, saved: Path | None, root: Path
) -> dict[str, Any]:
    opa = find_opa()
    rego = root / "rego"
    catalog = load_catalog([rego], opa)
    types_by_check = {p.key: p.resource_type for p in catalog.policies}
    doc = snapshot_for(cloud, n, aws, saved)
    result: dict[str, Any] = {
        "cloud": cloud,
        "resources": sum(len(v) for v in doc["resources"].values()),
    }
    with tempfile.TemporaryDirectory(prefix="cspm-prof-") as tmp:
        snapshot = Path(tmp, "snapshot.json")
        snapshot.write_bytes(_json.dumps(doc, indent=False))
        checks = resource_checks(doc, types_by_check)
        result["resource_checks"] = checks
        rows, eval_ns = profile(opa, snapshot, rego)
        ranked = per_check(rows, rego)
        total = sum(ns for _, ns in ranked)
        result["profile_total_ns"] = total
        result["query_eval_ns"] = eval_ns
        result["top"] = [
            {"file": f, "ns": ns, "share": ns / total if total else 0.0} for f, ns in ranked[:top]
        ]
        plain = [str(opa), "eval", "--format", "json", "-d", str(rego), "-i", str(snapshot),
                 ENTRYPOINT]  # fmt: skip
        wall, cpu, _ = cpu_of(plain)
        result["opa_eval"] = {"wall_s": wall, "cpu_s": cpu, "checks_per_cpu_s": checks / cpu}
        if not skip_cli:
            cli = [str(Path(sys.executable).with_name("cspm-opa")), "evaluate", str(snapshot),
                   "--format", "json", "-o", str(Path(tmp, "result.json"))]  # fmt: skip
            # The checkout's own package (and so its pack) on the path, with a cache of its own.
            env = {**os.environ, "PYTHONPATH": str(root), "CSPM_OPA_CACHE_DIR": str(Path(tmp, "c"))}
            cli[0:1] = [sys.executable, "-m", "cspm_opa"]
            wall, cpu, _ = cpu_of(cli, env, cwd=root)  # python -m: cwd first on sys.path
            result["cspm_opa_evaluate"] = {
                "wall_s": wall,
                "cpu_s": cpu,
                "checks_per_cpu_s": checks / cpu,
            }
    return result


def show(r: dict[str, Any]) -> None:
    print(f"\n{r['cloud']}: {r['resources']} resources, {r['resource_checks']} resource-checks; "
          f"profiled query eval {r['query_eval_ns'] / 1e9:.2f}s")  # fmt: skip
    print(f"  {'#':>2} {'check or helper':<58} {'ms':>9} {'share':>6}")
    for i, row in enumerate(r["top"], 1):
        print(f"  {i:>2} {row['file']:<58} {row['ns'] / 1e6:>9.1f} {row['share']:>6.1%}")
    for label, key in (("opa eval", "opa_eval"), ("cspm-opa evaluate", "cspm_opa_evaluate")):
        if key in r:
            m = r[key]
            print(f"  {label:<18} wall {m['wall_s']:6.2f}s  cpu {m['cpu_s']:6.2f}s  "
                  f"{m['checks_per_cpu_s']:>9.0f} resource-checks per CPU second")  # fmt: skip
    if "opa_eval" in r and "cspm_opa_evaluate" in r:
        ratio = r["cspm_opa_evaluate"]["cpu_s"] / r["opa_eval"]["cpu_s"]
        print(f"  cspm-opa evaluate / opa eval, CPU: {ratio:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clouds", nargs="+", default=["aws", "azure", "gcp"])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--top", type=int, default=10)
    parser.add_argument("--aws", choices=("synthetic", "demo"), default="synthetic")
    parser.add_argument("--skip-cli", action="store_true")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--demo-dir", type=Path, help="demo-<cloud>.json files to start from")
    parser.add_argument(
        "--root",
        type=Path,
        default=rego_dir().parent,
        help="a source checkout to measure (its rego/ and cspm_opa/), e.g. a git worktree "
        "of an earlier commit for the before figures; default this one",
    )
    args = parser.parse_args()
    results = []
    for cloud in args.clouds:
        r = measure(
            cloud,
            args.n,
            args.aws,
            top=args.top,
            skip_cli=args.skip_cli,
            saved=args.demo_dir,
            root=args.root.resolve(),
        )
        show(r)
        results.append(r)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
