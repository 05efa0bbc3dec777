"""``cspm-opa drift``: what changed between two snapshots of one account.

``drift A.json B.json`` compares two snapshot files; ``drift --store URL --baseline``
compares the latest stored snapshots with the approved baseline. Exit 0 whatever it
finds, 1 when a ``--fail-on-drift`` rule matches, 2 on bad input.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from cspm_opa.cli import _common as c
from cspm_opa.cli import _store
from cspm_opa.drift import Drift, compare, failures, parse_rule, render_table
from cspm_opa.errors import ConfigError

if TYPE_CHECKING:
    from cspm_opa.model import Snapshot

HELP_IGNORE = (
    "ignore changes at this pointer glob, optionally for one type: "
    "[TYPE:]POINTER-GLOB, e.g. /tags/CostCenter or aws_instance:/config/image_id (repeatable; "
    "added to the defaults, see docs/drift.md)"
)
HELP_FAIL = (
    "exit 1 when a resource of TYPE is added, removed or changed (or, with a pointer glob, "
    "changed there): TYPE[:POINTER-GLOB], e.g. aws_s3_bucket:/config/policy (repeatable)"
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "drift",
        help="what changed between two snapshots of an account",
        description="Compare two snapshots of one account (files as --snapshot-out writes "
        "them), or the latest stored snapshots with the approved baseline.",
    )
    p.add_argument("snapshots", nargs="*", metavar="SNAPSHOT",
                   help="two snapshot files: before and after")  # fmt: skip
    p.add_argument("--store", metavar="URL",
                   help="history store: a path, sqlite:///FILE or postgresql://... "
                   f"(default: {_store.ENV_STORE})")  # fmt: skip
    p.add_argument("--baseline", action="store_true",
                   help="compare the store's latest snapshot of each account with its "
                   "approved baseline (needs --store)")  # fmt: skip
    p.add_argument("--account", metavar="ID", help="with --baseline: only this account")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.add_argument("-o", "--output", metavar="FILE", help="write the output here, not stdout")
    p.add_argument("--ignore", action="append", default=[], metavar="[TYPE:]POINTER-GLOB",
                   help=HELP_IGNORE)  # fmt: skip
    p.add_argument("--no-default-ignores", action="store_true",
                   help="report usage timestamps and runtime states too")  # fmt: skip
    p.add_argument("--fail-on-drift", action="append", default=[],
                   metavar="TYPE[:POINTER-GLOB]", help=HELP_FAIL)  # fmt: skip
    return p


def run(args: argparse.Namespace) -> int:
    import sys

    from cspm_opa import _json
    from cspm_opa.schemas import default_store

    types = default_store().resource_types()
    ignore = [parse_rule(s, option="--ignore", known_types=types) for s in args.ignore]
    fail = [
        parse_rule(s, option="--fail-on-drift", type_required=True, known_types=types)
        for s in args.fail_on_drift
    ]
    pairs = _baseline_pairs(args) if args.baseline or args.store else _file_pair(args)
    drift = Drift()
    for before, after in pairs:
        drift += compare(before, after, ignore=ignore, default_ignores=not args.no_default_ignores)
    if args.format == "json":
        c.emit(_json.dumps(drift.to_dict()), args.output)
    else:
        c.emit(render_table(drift), args.output)
    hits = failures(drift, fail)
    for line in hits:
        print(f"cspm-opa: drift: {line}", file=sys.stderr)
    return c.EXIT_FINDINGS if hits else c.EXIT_OK


def _file_pair(args: argparse.Namespace) -> list[tuple[Snapshot, Snapshot]]:
    if args.account:
        raise ConfigError("--account selects an account in the store: use it with --baseline")
    if len(args.snapshots) != 2:
        raise ConfigError(
            f"drift takes two snapshot files (before and after), got {len(args.snapshots)}"
        )
    before, after = c.load_snapshots(args.snapshots)
    return [(before, after)]


def _baseline_pairs(args: argparse.Namespace) -> list[tuple[Snapshot, Snapshot]]:
    """(baseline, latest) for each account in the store, or only --account; every
    account without an approved baseline is named at once."""
    from cspm_opa.snapshots import snapshot_from_dict

    if args.snapshots:
        raise ConfigError("give two snapshot files or --store URL --baseline, not both")
    if not args.baseline:
        raise ConfigError("--store and --baseline go together: drift --store URL --baseline")
    store = _store.open_store_from(args)
    if store is None:
        raise ConfigError(f"--baseline needs --store URL (or {_store.ENV_STORE})")
    pairs, missing = [], []
    with store:
        latest = store.latest_snapshots(args.account)
        if not latest:
            which = f"account {args.account}" if args.account else "any account"
            raise ConfigError(f"the store at {store.url} holds no scan of {which}")
        for doc in latest:
            provider, account = doc["provider"], doc["account"]["id"]
            approved = store.baseline(account, provider)
            if approved is None:
                missing.append(f"{provider} account {account}")
                continue
            where = f"{store.url}: {provider} account {account}"
            pairs.append((
                snapshot_from_dict(approved, source=f"{where} (baseline)"),
                snapshot_from_dict(doc, source=f"{where} (latest scan)"),
            ))  # fmt: skip
    if missing:
        raise ConfigError(
            f"no approved baseline in {store.url} for {', '.join(missing)}: approve one with "
            "cspm-opa baseline approve SNAPSHOT --store URL, or pick another with --account"
        )
    return pairs
