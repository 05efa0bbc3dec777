"""``cspm-opa inventory``: the estate table, from snapshots or a scan result, with a scope."""

from __future__ import annotations

import argparse
import sys

from cspm_opa import _json
from cspm_opa.cli import _common as c


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = sub.add_parser("inventory", help="the estate: accounts, workloads, data, compliance needs")
    p.add_argument("inputs", nargs="+", metavar="FILE", help="snapshot files")
    p.add_argument("--scope", metavar="FILE", help="estate scope YAML")
    p.add_argument("--format", choices=["table", "json"], default="table")
    return p


def run(args: argparse.Namespace) -> int:
    from cspm_opa.scope import Scope, load_scope

    scope = load_scope(args.scope) if args.scope else Scope()
    snapshots = c.load_snapshots(args.inputs)
    rows = []
    for snap, profile in zip(snapshots, scope.profiles(snapshots), strict=True):
        rows.append({
            "provider": snap.provider,
            "account": snap.account_id,
            "name": snap.account_name,
            "resources": snap.resource_count(),
            **profile.to_dict(),
        })  # fmt: skip
    if args.format == "json":
        sys.stdout.write(_json.dumps_text(rows))
        return c.EXIT_OK
    if scope.organization:
        print(f"Estate of {scope.organization}")
    header = ("PROVIDER", "ACCOUNT", "NAME", "RESOURCES", "ENVIRONMENT", "DATA", "CRITICALITY",
              "WORKLOADS", "COMPLIANCE")  # fmt: skip
    table = [header] + [
        (r["provider"], r["account"], r["name"], str(r["resources"]), r["environment"],
         r["data_classification"], r["criticality"], ", ".join(r["workloads"]) or "-",
         ", ".join(r["compliance"]))
        for r in rows
    ]  # fmt: skip
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    for row in table:
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip())
    by_provider: dict[str, int] = {}
    for r in rows:
        by_provider[r["provider"]] = by_provider.get(r["provider"], 0) + 1
    print(", ".join(f"{p}: {n} account(s)" for p, n in sorted(by_provider.items())))
    return c.EXIT_OK
