"""``cspm-opa baseline approve SNAPSHOT... --store URL``: the configuration each account
should keep, which ``cspm-opa drift --store URL --baseline`` compares the latest scan with."""

from __future__ import annotations

import argparse

from cspm_opa.cli import _common as c
from cspm_opa.cli import _store


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = sub.add_parser("baseline", help="approve the snapshots drift is measured against")
    actions = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    approve = actions.add_parser(
        "approve",
        help="make each snapshot its account's baseline",
        description="Validate each snapshot file and make it its account's baseline in the "
        "store; a later approval of the same account replaces it.",
    )
    approve.add_argument("snapshots", nargs="+", metavar="SNAPSHOT", help="snapshot files")
    approve.add_argument(
        "--store",
        metavar="URL",
        help="history store: a path, sqlite:///FILE or postgresql://... "
        f"(default: {_store.ENV_STORE})",
    )
    return p


def run(args: argparse.Namespace) -> int:
    from cspm_opa.errors import ConfigError
    from cspm_opa.store import open_store

    url = _store.store_url(args)
    if url is None:
        raise ConfigError(f"baseline approve needs --store URL (or {_store.ENV_STORE})")
    snapshots = c.load_snapshots(args.snapshots)
    seen: dict[tuple[str, str], str] = {}
    for snap in snapshots:
        first = seen.setdefault((snap.provider, snap.account_id), snap.source)
        if first != snap.source:
            raise ConfigError(
                f"{snap.source}: {snap.provider} account {snap.account_id} is also in {first}; "
                "approve one baseline per account"
            )
    with open_store(url) as store:
        shas = store.approve_baseline(snapshots)
    for snap, sha in zip(snapshots, shas, strict=True):
        print(f"approved {snap.provider} account {snap.account_id} as of {snap.taken_at}: "
              f"snapshot {sha[:12]} ({snap.source})")  # fmt: skip
    return c.EXIT_OK
