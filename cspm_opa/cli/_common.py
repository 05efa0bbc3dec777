"""Options and steps shared by several commands."""

from __future__ import annotations

import argparse
import gc
import os
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from cspm_opa import __version__
from cspm_opa.errors import InputError
from cspm_opa.model import Finding, Severity, Snapshot, Status

if TYPE_CHECKING:
    from cspm_opa.deliver import Routes
    from cspm_opa.engine.base import Engine
    from cspm_opa.scale import Fanout
    from cspm_opa.scope import Scope
    from cspm_opa.waivers import Waiver

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_RUNTIME = 0, 1, 2, 3

OUTPUT_FORMATS = ("table", "text", "json", "sarif", "junit", "csv", "markdown", "html",
                  "ocsf", "ocsf-parquet", "asff")  # fmt: skip
IMPORT_TARGETS = ("securityhub",)

Subparsers = "argparse._SubParsersAction[argparse.ArgumentParser]"

T = TypeVar("T")


def severity(value: str) -> Severity:
    try:
        return Severity(value.upper())
    except ValueError:
        names = ", ".join(s.value for s in Severity)
        raise argparse.ArgumentTypeError(f"invalid severity {value!r} (one of {names})") from None


def add_engine_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--policies",
        action="append",
        default=[],
        metavar="DIR",
        help="a directory of custom Rego checks, beside the built-in pack (repeatable)",
    )
    p.add_argument(
        "--opa-url",
        action="append",
        default=[],
        metavar="URL",
        help="evaluate on a running OPA server instead of starting one; repeat for a fleet "
        "of servers that serve the same bundle",
    )
    p.add_argument(
        "--opa-concurrency",
        type=int,
        metavar="N",
        help="requests in flight per --opa-url server (default: 2 per server of a fleet)",
    )
    p.add_argument("--opa-token", metavar="TOKEN", help="bearer token for --opa-url")
    p.add_argument("--opa-ca", metavar="FILE", help="CA bundle to verify --opa-url's TLS")
    p.add_argument("--opa-bin", metavar="PATH", help="the opa binary to run")
    p.add_argument("--allow-network", action="store_true",
                   help="allow policies that call network builtins such as http.send")  # fmt: skip
    add_dask_options(p)


def add_dask_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--dask", metavar="ADDRESS",
                   help="fan out on Dask: 'local' (a LocalCluster) or a scheduler such as "
                   "tcp://host:8786 (default: CSPM_OPA_DASK; docs/scale.md)")  # fmt: skip
    p.add_argument("--dask-workers", type=int, metavar="N",
                   help="worker processes of --dask local (default: the CPU count)")  # fmt: skip


_FANOUT_LOCK = threading.Lock()


def fanout_for(args: argparse.Namespace) -> Fanout | None:
    """The Dask fan-out --dask (else CSPM_OPA_DASK) asks for, opened once per command
    and shared by collection and evaluation; None for the default, threads."""
    from cspm_opa.scale import ENV_DASK, open_fanout

    address = getattr(args, "dask", None) or os.environ.get(ENV_DASK, "").strip()
    if not address and getattr(args, "dask_workers", None) is None:
        return None
    with _FANOUT_LOCK:
        found: Fanout | None = getattr(args, "_fanout", None)
        if found is None:
            found = open_fanout(address, dask_workers=getattr(args, "dask_workers", None))
            progress(f"fanning out on {found.describe()}")
            args._fanout = found
        return found


def close_fanout(args: argparse.Namespace) -> None:
    """Close the fan-out :func:`fanout_for` opened, if it did."""
    found: Fanout | None = getattr(args, "_fanout", None)
    if found is not None:
        args._fanout = None
        found.close()


def add_output_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--scope",
        metavar="FILE",
        help="estate scope YAML: classifies accounts and picks their frameworks",
    )
    p.add_argument("--waivers", metavar="FILE", help="waivers YAML: accepted risks with expiry")
    p.add_argument(
        "--format",
        choices=OUTPUT_FORMATS,
        default="table",
        help="table (report + findings), text, json, sarif, junit, markdown, html, "
        "ocsf (JSON Lines), ocsf-parquet (-o names a directory), asff",
    )
    p.add_argument("-o", "--output", metavar="FILE", help="write the output here, not stdout")
    add_import_option(p)
    p.add_argument("--fail-on", type=severity, metavar="SEVERITY",
                   help="exit 1 when a check fails at this severity or above")  # fmt: skip


def add_import_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--to", choices=IMPORT_TARGETS, metavar="SERVICE",
                   help="also import the findings: securityhub (with --format asff)")  # fmt: skip


def add_delivery_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--routes", metavar="FILE",
                   help="alert routes YAML: send new, regressed and resolved findings to "
                   "Jira, Slack, webhooks or email (docs/alerts.md)")  # fmt: skip
    p.add_argument("--spool", metavar="DIR",
                   help="keep deliveries that fail here and re-send them next run (default: "
                   "CSPM_OPA_SPOOL, else cspm-opa/spool in the user's cache dir)")  # fmt: skip


def load_routes_from(args: argparse.Namespace) -> Routes | None:
    """The routes file --routes names, validated, with every secret variable it names set."""
    if not getattr(args, "routes", None):
        return None
    from cspm_opa.deliver import load_routes
    from cspm_opa.errors import ConfigError

    routes = load_routes(args.routes)
    missing = routes.missing_env()
    if missing:
        raise ConfigError("\n".join(missing))
    return routes


def deliver_alerts(args: argparse.Namespace, routes: Routes | None, result: dict[str, Any]) -> None:
    """Send the result's alerts; a sink that fails is reported and spooled, and never
    changes the exit code."""
    if routes is None:
        return
    from cspm_opa.deliver import deliver
    from cspm_opa.errors import CspmError

    url = store_url(args)
    store = None
    if url is not None:
        from cspm_opa.store import open_store

        try:
            store = open_store(url)
        except CspmError as exc:
            print(f"cspm-opa: warning: delivering without the store: {exc}", file=sys.stderr)
    try:
        report = deliver(result, routes, store=store, spool_dir=getattr(args, "spool", None))
    finally:
        if store is not None:
            store.close()
    for warning in report.warnings:
        print(f"cspm-opa: warning: {warning}", file=sys.stderr)
    for outcome in report.outcomes:
        if outcome.ok:
            progress(f"delivered: {outcome.line()}")
        else:
            print(f"cspm-opa: warning: delivery: {outcome.line()}", file=sys.stderr)


ENV_STORE = "CSPM_OPA_STORE"


def store_url(args: argparse.Namespace) -> str | None:
    """--store, else CSPM_OPA_STORE, else None."""
    value = getattr(args, "store", None) or os.environ.get(ENV_STORE, "").strip()
    return value or None


def progress(message: str) -> None:
    """Tell a person at a terminal what is happening; say nothing in pipes."""
    if sys.stderr.isatty():
        print(message, file=sys.stderr, flush=True)


def open_engine(args: argparse.Namespace) -> Engine:
    """The engine the options ask for; with --dask, LocalOpa's evaluation runs on the
    cluster's workers (a fleet or a remote OPA is used as it is)."""
    from cspm_opa.engine.local import LocalOpa

    engine = _open_engine(args)
    if not isinstance(engine, LocalOpa):
        return engine
    try:
        fanout = fanout_for(args)
        if fanout is None or not fanout.distributed:
            return engine
        from cspm_opa.scale.engine import DistributedEngine, policy_source

        source = policy_source(
            engine, args.policies, allow_network=args.allow_network, opa_bin=args.opa_bin
        )
    except BaseException:
        engine.close()
        raise
    return DistributedEngine(engine, fanout, source)


def _opa_urls(args: argparse.Namespace) -> list[str]:
    value = getattr(args, "opa_url", None) or []
    return [value] if isinstance(value, str) else list(value)


def _open_engine(args: argparse.Namespace) -> Engine:
    from cspm_opa.engine.local import LocalOpa
    from cspm_opa.engine.remote import OpaServer

    urls = _opa_urls(args)
    concurrency = getattr(args, "opa_concurrency", None)
    if concurrency is not None and not urls:
        raise InputError("--opa-concurrency is for --opa-url servers")
    if len(urls) > 1 or concurrency is not None:  # a fleet, maybe of one
        from cspm_opa.engine.fleet import DEFAULT_CONCURRENCY, OpaFleet

        return OpaFleet(
            urls,
            token=args.opa_token,
            ca_bundle=args.opa_ca,
            concurrency=concurrency or DEFAULT_CONCURRENCY,
            policies=args.policies,
            opa_bin=args.opa_bin,
        )
    if urls:
        return OpaServer(
            urls[0],
            token=args.opa_token,
            ca_bundle=args.opa_ca,
            policies=args.policies,
            opa_bin=args.opa_bin,
        )
    return LocalOpa(args.policies, opa_bin=args.opa_bin, allow_network=args.allow_network)


def open_engine_during(args: argparse.Namespace, work: Callable[[], T]) -> tuple[T, Engine]:
    """Do ``work`` (read and validate snapshots, say) while the engine starts.

    Starting LocalOpa is mostly waiting on opa processes (check, inspect, run), so the
    two overlap. If ``work`` fails, its error is the one raised, and the engine, once
    started, is closed; snapshots are still validated before anything is evaluated.
    """
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="cspm-engine") as pool:
        starting = pool.submit(open_engine, args)
        try:
            value = work()
        except BaseException:
            _close_started(starting)
            raise
        return value, starting.result()


def _close_started(starting: Future[Engine]) -> None:
    with suppress(Exception):
        starting.result().close()


@contextmanager
def gc_paused() -> Iterator[None]:
    """Hold off the cyclic garbage collector over a burst of allocation.

    Parsing a 100k-resource snapshot and building its findings and result allocate
    millions of containers and no cycles; each full collection would walk them all
    again (about a third of the command's Python time). Collection resumes afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_assessment_inputs(args: argparse.Namespace) -> tuple[Scope | None, list[Waiver]]:
    """The scope and waivers files named by --scope and --waivers (validated)."""
    from cspm_opa.scope import load_scope
    from cspm_opa.waivers import load_waivers

    check_output_args(args)  # a bad combination fails before any API call
    scope = load_scope(args.scope) if getattr(args, "scope", None) else None
    waivers = load_waivers(args.waivers) if getattr(args, "waivers", None) else []
    return scope, waivers


def run_evaluation(
    snapshots: Sequence[Snapshot],
    engine: Engine,
    *,
    scope: Scope | None = None,
    waivers: Sequence[Waiver] = (),
) -> tuple[list[Finding], dict[str, Any]]:
    """Evaluate, apply waivers, score, and assemble the scan result."""
    from cspm_opa.evaluator import evaluate
    from cspm_opa.result import assess

    started = time.monotonic()
    checks = len(engine.catalog.policies)
    progress(f"evaluating {len(snapshots)} snapshot(s) with {checks} checks")
    # A fleet or a Dask cluster takes more requests at once than this machine's cores.
    findings = evaluate(snapshots, engine, workers=getattr(engine, "parallelism", None))
    progress(f"done in {time.monotonic() - started:.1f}s: {len(findings)} results")
    tool = {"name": "cspm-opa", "version": __version__}
    outcome = assess(
        snapshots, findings, engine.catalog, scope=scope, waivers=waivers, tool=tool, engine=engine
    )
    return outcome.findings, outcome.result


def emit(text: str | bytes, output: str | None) -> None:
    """Write rendered output to ``output``, or to stdout; bytes are UTF-8 already."""
    if output:
        target = Path(output)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
        progress(f"wrote {target}")
        return
    buffer = getattr(sys.stdout, "buffer", None)
    if isinstance(text, str) or buffer is None:  # buffer: None for io.StringIO, say
        sys.stdout.write(text if isinstance(text, str) else text.decode("utf-8"))
        return
    sys.stdout.flush()
    buffer.write(text)
    buffer.flush()


def output(result: dict[str, Any], args: argparse.Namespace) -> None:
    """Render the result as --format asks, to -o or stdout; import it with --to."""
    from cspm_opa import _json

    check_output_args(args)
    fmt, target = args.format, args.output
    if fmt == "ocsf-parquet":
        from cspm_opa.export.ocsf_parquet import write_ocsf_parquet

        written = write_ocsf_parquet(result, target)
        progress(f"wrote {len(written)} Parquet object(s) under {target}")
        return
    if getattr(args, "to", None) == "securityhub":
        _import_to_securityhub(result, target)
        return
    if fmt == "asff":
        from cspm_opa.export.asff import asff_document

        document, skipped = asff_document(result)
        _note_skipped(skipped)
        emit(_json.dumps(document), target)
        return
    emit(render(result, fmt), target)


def check_output_args(args: argparse.Namespace) -> None:
    """Refuse option combinations that cannot be written, before any work is done."""
    fmt = getattr(args, "format", None)
    if fmt == "ocsf-parquet" and not getattr(args, "output", None):
        raise InputError("--format ocsf-parquet needs -o DIR (a directory)")
    if getattr(args, "to", None) == "securityhub" and fmt != "asff":
        raise InputError("--to securityhub imports ASFF: add --format asff")


def _note_skipped(skipped: int) -> None:
    if skipped:
        print(f"cspm-opa: note: ASFF is for AWS: {skipped} Azure or GCP result(s) left out",
              file=sys.stderr)  # fmt: skip


def _import_to_securityhub(result: dict[str, Any], target: str | None) -> None:
    from cspm_opa import _json
    from cspm_opa.errors import RuntimeFailure
    from cspm_opa.export.securityhub import import_result

    document, report = import_result(result)
    _note_skipped(report.skipped)
    if target:
        emit(_json.dumps(document), target)
    print(f"cspm-opa: Security Hub: {report.imported} finding(s) imported in "
          f"{report.calls} call(s), {len(report.failed)} failed", file=sys.stderr)  # fmt: skip
    if report.failed:
        shown = "\n".join(
            f"  {f.get('Id')}: {f.get('ErrorCode')} {f.get('ErrorMessage')}"
            for f in report.failed[:20]
        )
        raise RuntimeFailure(f"Security Hub refused {len(report.failed)} finding(s):\n{shown}")


def render(result: dict[str, Any], fmt: str) -> str | bytes:
    """Render a scan result in one of OUTPUT_FORMATS (JSON as UTF-8 bytes)."""
    from cspm_opa import _json, export, report
    from cspm_opa.export.asff import render_asff
    from cspm_opa.export.ocsf import render_ocsf

    if fmt == "json":
        return _json.dumps(result)
    renderers: dict[str, Callable[[dict[str, Any]], str | bytes]] = {
        "sarif": export.render_sarif,
        "junit": export.render_junit,
        "csv": export.render_csv,
        "text": report.render_text,
        "markdown": report.render_markdown,
        "html": report.render_html,
        "ocsf": render_ocsf,
        "asff": render_asff,
    }
    if fmt in renderers:
        return renderers[fmt](result)
    findings = report.render_table(result)
    return report.render_text(result) + ("\n" + findings if findings.strip() else "")


def exit_for(findings: Sequence[Finding], fail_on: Severity | None) -> int:
    if fail_on is None:
        return EXIT_OK
    hit = any(f.status is Status.FAIL and f.severity >= fail_on for f in findings)
    return EXIT_FINDINGS if hit else EXIT_OK


def load_snapshots(paths: Sequence[str]) -> list[Snapshot]:
    """Read every file; report all that fail at once."""
    from cspm_opa.snapshots import load_snapshot

    snapshots, errors = [], []
    for path in paths:
        try:
            snapshots.append(load_snapshot(path))
        except InputError as exc:
            errors.append(str(exc))
    if errors:
        raise InputError("\n".join(errors))
    return snapshots
