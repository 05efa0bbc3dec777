"""``cspm-opa new-policy``: scaffold a check and its test, ready for lint and test."""

from __future__ import annotations

import argparse

from cspm_opa.cli import _common as c
from cspm_opa.model import Severity


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = sub.add_parser("new-policy", help="scaffold a Rego check and its test")
    p.add_argument("--provider", required=True, choices=["aws", "azure", "gcp"])
    p.add_argument("--resource-type", required=True, metavar="TYPE", help="e.g. aws_s3_bucket")
    p.add_argument("--id", required=True, metavar="ID", help="policy id, e.g. ACME-S3-001")
    p.add_argument("--name", metavar="NAME", help="package name (default: from the id)")
    p.add_argument("--service", metavar="NAME", help="package service (default: from the type)")
    p.add_argument("--severity", type=c.severity, default=Severity.MEDIUM, metavar="SEVERITY")
    p.add_argument("--dir", default="policies", metavar="DIR", help="default: %(default)s")
    return p


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from cspm_opa.scaffold import scaffold_check

    made = scaffold_check(
        Path(args.dir),
        provider=args.provider,
        resource_type=args.resource_type,
        policy_id=args.id,
        name=args.name,
        service=args.service,
        severity=args.severity.value,
    )
    print(f"wrote {made.check}\nwrote {made.test}")
    print(f"next: edit them, then `cspm-opa test {args.dir}` and `cspm-opa lint {args.dir}`")
    return c.EXIT_OK
