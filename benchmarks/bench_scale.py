"""Scale benchmark (`make bench-scale`): many accounts, one huge account, and collection.

Each row runs what a user runs, as a child process, and watches its whole process tree
with psutil every 50 ms: wall time, peak RSS of each kind of process (the cspm-opa
Python process, the OPA servers, Dask workers, moto) and of the tree together, CPU
seconds, and resource-checks per second per core (a resource-check is one (check,
resource) verdict, i.e. one result in the output; per core = divided by wall time and
by the machine's CPU count). Rows:

  accounts   1,000 synthetic accounts of 100 resources each (snapshots generated with
             benchmarks/synthetic.py, not collected), `cspm-opa evaluate` on one machine
  dask       the same on a LocalCluster of two workers (`--dask local --dask-workers 2`),
             or "not available" when this checkout has no Dask executor
  100k       one account of 100,000 resources, as `make bench` runs it (in memory)
  100k-stream  the same with --stream, to compare the cost per resource with 1M's
  1M         one account of 1,000,000 resources (streamed: the file is over 160 MiB)
  collect    `cspm-opa collect` of 50 moto accounts (the seeded one and 49 reached
             through an assumed role), every AWS request delayed 30 ms by a botocore
             hook (cspm_opa.localclouds.latency); moto's own CPU and memory are shown
             apart, since it is one CPU-bound process serving every account

Nothing here asserts a time or a size; compare rows of one run (the machine is shared).

    .venv/bin/python benchmarks/bench_scale.py [--rows accounts,dask,100k,1M,collect]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.synthetic import ACCOUNT, write_synthetic

CLI = str(Path(sys.executable).with_name("cspm-opa"))
ROWS = ("accounts", "dask", "100k", "100k-stream", "1M", "collect")
MIB = 1024 * 1024


@dataclass
class Run:
    """What one watched command did."""

    wall: float
    code: int
    cpu: float
    peaks: dict[str, int] = field(default_factory=dict)
    """Peak RSS per kind of process (bytes), and "total" for the tree at its peak."""


def _kind(proc: psutil.Process, root: int) -> str:
    try:
        name = proc.name()
        cmdline = " ".join(proc.cmdline())
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return "gone"
    if name == "opa" or name.startswith("opa"):
        return "opa"
    if "moto" in cmdline or "localclouds.aws_process" in cmdline:
        return "moto"
    if proc.pid != root and ("distributed" in cmdline or "dask" in cmdline
                             or "multiprocessing" in cmdline):  # fmt: skip
        return "workers"
    return "python"


def watch(command: Sequence[str], *, env: dict[str, str] | None = None,
          extra: Sequence[int] = ()) -> Run:  # fmt: skip
    """Run ``command``, sampling its process tree's RSS (and ``extra`` pids') until it
    exits."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    root = psutil.Process(child.pid)
    peaks: dict[str, int] = {}
    while child.poll() is None:
        sample: dict[str, int] = {}
        try:
            procs = [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            procs = []
        for proc in [*procs, *(psutil.Process(p) for p in extra if psutil.pid_exists(p))]:
            kind = _kind(proc, root.pid)  # each time: a child is python until it execs
            with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
                sample[kind] = sample.get(kind, 0) + proc.memory_info().rss
        for kind, rss in sample.items():
            peaks[kind] = max(peaks.get(kind, 0), rss)
        peaks["total"] = max(peaks.get("total", 0), sum(sample.values()))
        time.sleep(0.05)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(wall, child.returncode, cpu, peaks)


def _result_count(path: Path) -> int:
    """How many results a scan result file holds, from its summary (read from the end of
    a streamed file, which may be gigabytes)."""
    size = path.stat().st_size
    with path.open("rb") as f:
        f.seek(max(0, size - 64 * MIB))
        tail = f.read()
    at = max(tail.rfind(b'\n  "compliance": '), tail.rfind(b'\n],"compliance":'))
    if at < 0:
        doc = json.loads(path.read_bytes())
    else:
        doc = json.loads(b"{" + tail[tail.index(b'"compliance"', at) :])
    return sum(doc["summary"]["by_status"].values())


def _accounts(directory: Path, count: int, size: int) -> list[str]:
    """``count`` snapshot files of one synthetic account of ``size`` resources each, under
    a distinct account id (the template's id rewritten everywhere, ARNs included)."""
    template = write_synthetic(size, directory / "template.json").read_bytes()
    paths = []
    for i in range(count):
        account = f"{100000000000 + i:012d}"
        path = directory / f"aws-{account}.json"
        path.write_bytes(template.replace(ACCOUNT.encode(), account.encode()))
        paths.append(str(path))
    (directory / "template.json").unlink()
    return paths


def _dask_available() -> bool:
    try:
        import cspm_opa.scale  # noqa: F401
    except ImportError:
        return False
    return "--dask" in subprocess.run([CLI, "evaluate", "--help"], capture_output=True,
                                      text=True, check=False).stdout  # fmt: skip


@dataclass
class Row:
    name: str
    resources: int
    run: Run | None
    checks: int = 0
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def _evaluate_row(name: str, snapshots: list[str], workdir: Path, resources: int,
                  options: Sequence[str] = ()) -> Row:  # fmt: skip
    out = workdir / f"result-{name}.json"
    # Many files: the shell would take them, but argv has a limit; pass them as they are.
    run = watch([CLI, "evaluate", *snapshots, "--format", "json", "-o", str(out), *options])
    checks = _result_count(out) if run.code in (0, 1) and out.exists() else 0
    out.unlink(missing_ok=True)
    return Row(name, resources, run, checks, "" if run.code in (0, 1) else f"exit {run.code}")


def accounts_row(workdir: Path, options: Sequence[str] = (), name: str = "accounts") -> Row:
    directory = workdir / "accounts"
    if not directory.exists():
        directory.mkdir()
        _accounts(directory, 1000, 100)
    snapshots = sorted(str(p) for p in directory.glob("aws-*.json"))
    return _evaluate_row(name, snapshots, workdir, 1000 * 100, options)


def one_account_row(workdir: Path, size: int, name: str, options: Sequence[str] = ()) -> Row:
    path = write_synthetic(size, workdir / f"one-{size}.json")
    try:
        row = _evaluate_row(name, [str(path)], workdir, size, options)
    finally:
        path.unlink()
    return row


def collect_row(workdir: Path, accounts: int = 50, latency_ms: float = 30) -> Row:
    from cspm_opa.localclouds.aws_process import isolated_aws_cloud

    with isolated_aws_cloud(seed=True) as cloud:
        listing = ["accounts:", f'  - id: "{cloud.account_id}"', "    name: seeded"]
        for i in range(accounts - 1):
            account = f"{200000000000 + i:012d}"
            role = cloud.role_arn.split("/")[-1]
            listing += [
                f"  - role_arn: arn:aws:iam::{account}:role/{role}",
                f"    external_id: {cloud.external_id}",
                f"    name: empty-{i}",
            ]
        file = workdir / "accounts.yaml"
        file.write_text("\n".join(listing) + "\n", encoding="utf-8")
        out = workdir / "collected"
        env = {**os.environ, **cloud.env}
        for key in ("AWS_PROFILE", "AWS_SESSION_TOKEN"):
            env.pop(key, None)
        env.update({"AWS_SHARED_CREDENTIALS_FILE": "/nonexistent",
                    "AWS_CONFIG_FILE": "/nonexistent"})  # fmt: skip
        moto = [p.pid for p in psutil.Process().children(recursive=True)
                if "localclouds.aws_process" in " ".join(p.cmdline())]  # fmt: skip
        moto_cpu = sum(sum(psutil.Process(p).cpu_times()[:2]) for p in moto)
        run = watch([sys.executable, __file__, "--child-collect", str(file), str(out),
                     str(latency_ms)], env=env, extra=moto)  # fmt: skip
        moto_cpu = sum(sum(psutil.Process(p).cpu_times()[:2]) for p in moto) - moto_cpu
    written = list(out.glob("*.json"))
    resources = sum(
        sum(len(v) for v in json.loads(p.read_bytes())["resources"].values()) for p in written
    )
    requests = (out / "requests.txt").read_text(encoding="utf-8")
    note = f"{len(written)} snapshots, {requests} requests at {latency_ms:g} ms each"
    row = Row("collect", resources, run, 0, note)
    row.extra["moto_cpu"] = moto_cpu
    return row


def _child_collect(accounts_file: str, out: str, latency_ms: str) -> None:
    """Run by collect_row in a child: the CLI's collect, every request delayed."""
    from cspm_opa.cli import main
    from cspm_opa.localclouds.latency import simulated_latency

    with (
        simulated_latency(float(latency_ms)) as hook,
        open(os.devnull, "w") as quiet,
        contextlib.redirect_stdout(quiet),
    ):
        code = main(["collect", "--provider", "aws", "--accounts", accounts_file,
                     "--regions", "us-east-1,eu-west-1", "-o", out])  # fmt: skip
    Path(out, "requests.txt").write_text(str(hook.requests), encoding="utf-8")
    sys.exit(code)


def _mib(value: int | None) -> str:
    return f"{value / MIB:,.0f}" if value else "-"


def report(rows: Sequence[Row]) -> Iterator[str]:
    cores = os.cpu_count() or 1
    yield (f"{'row':<12} {'resources':>10} {'results':>10} {'wall s':>8} {'CPU s':>8} "
           f"{'python':>8} {'opa':>8} {'workers':>8} {'moto':>8} {'total':>8} "
           f"{'checks/s/core':>13} {'checks/CPU-s':>12}  note")  # fmt: skip
    for row in rows:
        run = row.run
        if run is None:
            yield f"{row.name:<12} {'':>10} {'':>10} {'not available':>17}  {row.note}"
            continue
        rate = f"{row.checks / run.wall / cores:,.0f}" if row.checks else "-"
        per_cpu = f"{row.checks / run.cpu:,.0f}" if row.checks and run.cpu else "-"
        moto = _mib(run.peaks.get("moto"))
        if "moto_cpu" in row.extra:
            moto += f" ({row.extra['moto_cpu']:.0f} s CPU)"
        yield (f"{row.name:<12} {row.resources:>10,} {row.checks:>10,} {run.wall:>8.1f} "
               f"{run.cpu:>8.1f} {_mib(run.peaks.get('python')):>8} "
               f"{_mib(run.peaks.get('opa')):>8} {_mib(run.peaks.get('workers')):>8} "
               f"{moto:>8} {_mib(run.peaks.get('total')):>8} {rate:>13} {per_cpu:>12}  "
               f"{row.note}")  # fmt: skip
    load = os.getloadavg()[0]
    yield (f"Peak RSS in MiB per kind of process (summed over processes of that kind) and of "
           f"the whole tree at its peak; CPU s: user+system of the command's processes;\n"
           f"checks/s/core: results / wall / {cores} CPUs; checks/CPU-s: results / CPU s "
           f"(fairer on a shared machine; load average {load:.1f} at the end).")  # fmt: skip


def main(argv: list[str]) -> None:
    if argv[:1] == ["--child-collect"]:
        _child_collect(*argv[1:4])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", default=",".join(ROWS), help=f"comma-separated: {ROWS}")
    parser.add_argument("--collect-accounts", type=int, default=50, metavar="N",
                        help="moto accounts the collect row reads (50)")  # fmt: skip
    args = parser.parse_args(argv)
    wanted = [r.strip() for r in args.rows.split(",") if r.strip()]
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="cspm-bench-scale-") as tmp:
        workdir = Path(tmp)
        for name in wanted:
            print(f"running {name}...", file=sys.stderr, flush=True)
            if name == "accounts":
                rows.append(accounts_row(workdir))
            elif name == "dask":
                if _dask_available():
                    rows.append(accounts_row(workdir, ["--dask", "local", "--dask-workers", "2"],
                                             name="dask"))  # fmt: skip
                else:
                    rows.append(Row("dask", 0, None, note="no Dask executor in this checkout"))
            elif name == "100k":
                rows.append(one_account_row(workdir, 100_000, "100k"))
            elif name == "100k-stream":
                rows.append(one_account_row(workdir, 100_000, name, ["--stream"]))
            elif name == "1M":
                rows.append(one_account_row(workdir, 1_000_000, "1M"))
            elif name == "collect":
                rows.append(collect_row(workdir, args.collect_accounts))
            else:
                parser.error(f"unknown row {name!r}")
            print(rows[-1].run, file=sys.stderr, flush=True)
    for line in report(rows):
        print(line)


if __name__ == "__main__":
    main(sys.argv[1:])
