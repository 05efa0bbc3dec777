"""``cspm-opa demo``: the whole job on the bundled sample estate, no credentials needed."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from cspm_opa import _json
from cspm_opa.cli import _common as c

DEMO_FILES = Path(__file__).resolve().parents[1] / "localclouds" / "demo"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = sub.add_parser("demo", help="scan the bundled, deliberately misconfigured sample estate")
    p.add_argument(
        "--out-dir",
        metavar="DIR",
        default="out",
        help="where the JSON result, HTML report and snapshots go (default: %(default)s)",
    )
    p.add_argument("--opa-bin", metavar="PATH")  # fmt: skip
    return p


def run(args: argparse.Namespace) -> int:
    from cspm_opa import report
    from cspm_opa.engine.local import LocalOpa
    from cspm_opa.localclouds.demo_estate import collect_part, demo_parts
    from cspm_opa.scope import load_scope
    from cspm_opa.snapshots import snapshot_from_dict, write_snapshot
    from cspm_opa.waivers import load_waivers

    out = Path(args.out_dir)
    snapshots = []
    for part in demo_parts():
        docs, note = collect_part(part)
        print(note or f"collected {len(docs)} snapshot(s): {part.describe}")
        snapshots += [
            snapshot_from_dict(doc, source=f"demo {doc['provider']} {doc['account']['id']}")
            for doc in docs
        ]
    for snap in snapshots:
        write_snapshot(snap, out / "snapshots")
    scope = load_scope(DEMO_FILES / "scope.yaml")
    waivers = load_waivers(DEMO_FILES / "waivers.yaml")
    with LocalOpa(opa_bin=args.opa_bin) as engine:
        print(f"cspm-opa demo: OPA {engine.opa} serving {len(engine.catalog.policies)} checks\n")
        _findings, result = c.run_evaluation(snapshots, engine, scope=scope, waivers=waivers)
    json_path = out / "demo-result.json"
    html_path = out / "demo-report.html"
    json_path.write_bytes(_json.dumps(result))
    html_path.write_text(report.render_html(result), encoding="utf-8")
    sys.stdout.write(report.render_table(result, min_severity="HIGH"))
    print()
    sys.stdout.write(report.render_text(result))
    print(f"\nSnapshots:   {out / 'snapshots'}/")
    print(f"Scan result: {json_path}")
    print(f"HTML report: {html_path}")
    return c.EXIT_OK
