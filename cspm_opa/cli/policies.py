"""``cspm-opa policies``: the checks of the built-in pack and the user's, with mappings."""

from __future__ import annotations

import argparse
import sys

from cspm_opa import _json
from cspm_opa.cli import _common as c


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = sub.add_parser("policies", help="list the checks and their compliance mappings")
    p.add_argument(
        "--framework",
        metavar="KEY",
        type=_framework,
        help="only checks mapped to this framework (e.g. CIS_AWS_v5.0, PCI_DSS_v4.0, SOC2, "
        "NIST_800_53_r5, ISO_27001_2022, GDPR)",
    )
    p.add_argument("--policies", action="append", default=[], metavar="DIR")
    p.add_argument("--format", choices=["table", "json"], default="table")
    p.add_argument("--opa-bin", metavar="PATH")
    return p


def _framework(value: str) -> str:
    from cspm_opa.compliance.catalogs import framework_keys
    from cspm_opa.yaml_names import framework_key

    key = framework_key(value)
    if key not in framework_keys():
        raise argparse.ArgumentTypeError(
            f"unknown framework {value!r} (one of {', '.join(framework_keys())})"
        )
    return key


def run(args: argparse.Namespace) -> int:
    import tempfile
    from pathlib import Path

    from cspm_opa.engine.base import prepare_policy_dirs
    from cspm_opa.engine.binary import find_opa
    from cspm_opa.engine.catalog import load_catalog

    opa = find_opa(args.opa_bin)
    with tempfile.TemporaryDirectory(prefix="cspm-policies-") as tmp:
        catalog = load_catalog(prepare_policy_dirs(args.policies, Path(tmp), opa), opa)
    rows = [
        p
        for p in catalog.policies
        if not args.framework or any(ref.framework == args.framework for ref in p.compliance)
    ]
    if args.format == "json":
        data = [
            {
                "id": p.id,
                "title": p.title,
                "severity": p.severity.value,
                "resource_type": p.resource_type,
                "package": p.package,
                "file": p.file,
                "compliance": [
                    {"framework": ref.framework, "control": ref.control} for ref in p.compliance
                ],
            }
            for p in rows
        ]
        sys.stdout.write(_json.dumps_text(data))
        return c.EXIT_OK
    for p in rows:
        controls = ", ".join(
            f"{ref.framework} {ref.control}"
            for ref in p.compliance
            if not args.framework or ref.framework == args.framework
        )
        print(f"{p.id:<22}{p.severity.value:<10}{p.resource_type:<28}{p.title}")
        if controls:
            print(f"{'':<60}{controls}")
    print(f"{len(rows)} checks")
    return c.EXIT_OK
