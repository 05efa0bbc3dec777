"""``cspm-opa demo``: the whole job on the bundled sample estate, no credentials needed."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from cspm_opa.cli import _common as c


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = sub.add_parser("demo", help="scan the bundled, deliberately misconfigured sample estate")
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        default="out/demo-result.json",
        help="where to write the JSON scan result (default: %(default)s)",
    )
    p.add_argument("--snapshot-out", metavar="DIR", help="also write the estate's snapshots")
    p.add_argument("--opa-bin", metavar="PATH")  # fmt: skip
    return p


def run(args: argparse.Namespace) -> int:
    from cspm_opa.engine.local import LocalOpa
    from cspm_opa.report import render_table
    from cspm_opa.snapshots import snapshot_from_dict, write_snapshot
    from cspm_opa.testing.estate import sample_estate

    snapshots = [
        snapshot_from_dict(doc, source=f"sample estate: {doc['account']['id']}")
        for doc in sample_estate()
    ]
    if args.snapshot_out:
        for snap in snapshots:
            write_snapshot(snap, args.snapshot_out)
    with LocalOpa(opa_bin=args.opa_bin) as engine:
        print(f"cspm-opa demo: OPA {engine.opa} serving {len(engine.catalog.policies)} checks")
        _findings, result = c.run_evaluation(snapshots, engine)
    target = Path(args.output)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    sys.stdout.write(render_table(result))
    print(f"\nScan result written to {target}")
    return c.EXIT_OK
