"""``cspm-opa evaluate --stream``: evaluate snapshot files a part at a time and write the
findings as they come (cspm_opa.streaming, cspm_opa.result_stream)."""

from __future__ import annotations

import argparse
import os
import sys
import time
from contextlib import ExitStack
from pathlib import Path
from typing import IO, TYPE_CHECKING

from cspm_opa import __version__
from cspm_opa.cli import _common as c
from cspm_opa.cli import _store
from cspm_opa.errors import InputError

if TYPE_CHECKING:
    from cspm_opa.scope import Scope
    from cspm_opa.streaming import PartSource
    from cspm_opa.waivers import Waiver


def add_stream_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--stream",
        action="store_true",
        help="evaluate a part at a time and write findings as they come, in bounded "
        "memory (json, csv, ocsf, table, text; on by itself for snapshot files over "
        "160 MiB in those formats); no risk layer, findings unsorted (docs/scale-memory.md)",
    )


def _blockers(args: argparse.Namespace) -> list[str]:
    """What asks for every finding at once, so the run cannot be streamed."""
    from cspm_opa.result_stream import STREAMED_FORMATS

    found = []
    if args.format not in STREAMED_FORMATS:
        found.append(f"--format {args.format}")
    for option, attr in (("--routes", "routes"), ("--to", "to"),
                         ("--fail-on-new", "fail_on_new"), ("--dask", "dask")):  # fmt: skip
        if getattr(args, attr, None):
            found.append(option)
    return found


def wanted(args: argparse.Namespace) -> bool:
    """Whether to stream: --stream (refused with what it cannot go with), or large
    snapshot files and nothing that needs every finding at once."""
    from cspm_opa.result_stream import STREAM_BYTES
    from cspm_opa.streaming import total_bytes

    blockers = _blockers(args)
    if getattr(args, "stream", False):
        if blockers:
            raise InputError(f"--stream cannot be used with {', '.join(blockers)}")
        return True
    return not blockers and total_bytes(args.snapshots) > STREAM_BYTES


def open_sources(paths: list[str]) -> list[PartSource]:
    """Index (or read) every file; report all that fail at once."""
    from cspm_opa.streaming import open_source

    sources, errors = [], []
    for path in paths:
        try:
            sources.append(open_source(path))
        except InputError as exc:
            errors.append(str(exc))
    if errors:
        raise InputError("\n".join(errors))
    return sources


def run(args: argparse.Namespace, scope: Scope | None, waivers: list[Waiver]) -> int:
    from cspm_opa.result_stream import StreamedScan
    from cspm_opa.streaming import OPA_MEMORY_LIMIT, evaluate_parts

    # The OPA this command starts inherits the environment: bound its heap (a soft limit
    # its garbage collector works to), unless the user set one.
    os.environ.setdefault("GOMEMLIMIT", OPA_MEMORY_LIMIT)
    store = _store.open_store_from(args)  # a store that cannot be opened fails first
    sources, engine = c.open_engine_during(args, lambda: open_sources(args.snapshots))
    started = time.monotonic()
    with engine, ExitStack() as stack:
        if store is not None:
            stack.callback(store.close)
        out: IO[bytes] | None = None
        if args.format in ("json", "csv", "ocsf"):
            if args.output:
                target = Path(args.output)
                target.parent.mkdir(parents=True, exist_ok=True)
                out = stack.enter_context(target.open("wb"))
            else:
                out = sys.stdout.buffer
        scan = StreamedScan(
            [s.envelope for s in sources],
            [s.resource_count() for s in sources],
            engine.catalog,
            fmt=args.format,
            out=out,
            scope=scope,
            waivers=waivers,
            tool={"name": "cspm-opa", "version": __version__},
        )
        if store is not None:
            # Each slice of findings goes to the store as it comes; the scan is kept
            # (one transaction) only once every part has answered.
            scan.recorder = stack.enter_context(
                store.stream_scan(sources, scan.result["generated_at"])
            )
        total = sum(s.resource_count() for s in sources)
        c.progress(f"evaluating {total} resources in parts, streaming the findings")
        evaluate_parts(sources, engine, scan.add)
        result = scan.finish()
    c.progress(f"done in {time.monotonic() - started:.1f}s: {scan.written} results")
    delta = result.get("delta")
    if delta is not None:
        c.progress(
            f"recorded scan {scan.recorder.scan_id if scan.recorder else '?'}: "
            f"{len(delta['new'])} new, {len(delta['resolved'])} resolved, "
            f"{len(delta['regressed'])} regressed, {delta['unchanged']} unchanged"
        )
    if args.format in ("table", "text"):
        c.emit(c.render(result, args.format), args.output)
        if scan.kept_out:
            c.progress(f"the table lists the worst {len(result['findings'])} FAIL/UNKNOWN "
                       f"results; {scan.kept_out} more were left out (streamed run)")  # fmt: skip
    elif args.output:
        c.progress(f"wrote {args.output}")
    fail_on = args.fail_on
    if fail_on is not None and any(s >= fail_on for s in scan.failing()):
        return c.EXIT_FINDINGS
    return c.EXIT_OK
