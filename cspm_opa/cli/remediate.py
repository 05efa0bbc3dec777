"""``cspm-opa remediate RESULT.json``: plan (by default) or apply (``--apply``) the fixes
for a scan result's FAIL findings; and the ``--remediate`` option of event and watch."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from cspm_opa.cli import _common as c
from cspm_opa.cli.scan import _split, add_collect_options, requests_from
from cspm_opa.errors import ConfigError

if TYPE_CHECKING:
    from cspm_opa.remediate import Clouds, Plan

DEFAULT_AUDIT_LOG = "cspm-opa-remediation.jsonl"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> argparse.ArgumentParser:
    p = sub.add_parser(
        "remediate",
        help="fix FAIL findings of a scan result (dry run unless --apply)",
        description="List the exact API call that would fix each selected FAIL finding of "
        "a scan result; with --apply, make the calls, confirm each by reading the "
        "resource again, and append one audit record per call. WAIVED findings, resources "
        "tagged or labelled cspm-remediate: never, and the scope file's remediation.never "
        "are skipped. Exit 0 when every call was planned or applied, 3 when one failed.",
    )
    p.add_argument("result", metavar="RESULT", help="a scan result written by --format json")
    p.add_argument("--policy-id", action="append", default=[], metavar="ID",
                   help="only the findings of this check (repeatable)")  # fmt: skip
    p.add_argument("--finding", action="append", default=[], metavar="UID",
                   help="only this finding (repeatable)")  # fmt: skip
    p.add_argument("--apply", action="store_true", help="make the calls (default: dry run)")
    p.add_argument("--audit-log", metavar="FILE",
                   help=f"append the JSON Lines audit records here (default with --apply: "
                   f"{DEFAULT_AUDIT_LOG})")  # fmt: skip
    p.add_argument(
        "--split-ranges",
        action="store_true",
        help="replace a security group rule whose port range covers more than 22 or 3389 "
        "with the range minus those ports (default: leave it alone)",
    )
    p.add_argument(
        "--scope",
        metavar="FILE",
        help="estate scope YAML: its remediation.never lists what is never touched",
    )
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("-o", "--output", metavar="FILE", help="write the output here, not stdout")
    add_collect_options(p)
    for action in p._actions:  # the result names its providers; --provider narrows them
        if action.dest == "provider":
            action.required = False
            action.default = None
            action.help = "aws, azure or gcp: only these providers' findings (default: all)"
    return p


def clouds_from(args: argparse.Namespace, providers: list[str]) -> Clouds:
    """Connections made the way scan makes them, from the same options."""
    from cspm_opa.remediate import Clouds

    if not providers:
        return Clouds()
    original = args.provider
    args.provider = [",".join(providers)]
    try:
        requests = requests_from(args)
    finally:
        args.provider = original
    return Clouds({r.provider: r for r in requests})


def _filter(args: argparse.Namespace) -> Any:
    """Why a finding is outside --provider, --regions, --subscriptions or --projects."""
    providers = {p for v in args.provider or () for p in _split(v)}
    regions = set(_split(args.regions)) - {"all"}
    accounts = {"azure": set(_split(args.subscriptions)), "gcp": set(_split(args.projects))}

    def why(finding: Mapping[str, Any]) -> str | None:
        resource = finding.get("resource") or {}
        provider = resource.get("provider")
        if providers and provider not in providers:
            return f"provider {provider} not selected (--provider)"
        if provider == "aws" and regions and resource.get("region") not in regions | {"global"}:
            return f"region {resource.get('region')} not selected (--regions)"
        wanted = accounts.get(str(provider))
        if wanted and resource.get("account") not in wanted:
            flag = "--subscriptions" if provider == "azure" else "--projects"
            return f"{resource.get('account')} not selected ({flag})"
        return None

    return why


def run(args: argparse.Namespace) -> int:
    from cspm_opa.remediate import AuditLog, Options, apply_remediation, plan_remediation
    from cspm_opa.remediate.plan import load_result
    from cspm_opa.scope import load_scope

    result = load_result(args.result)
    scope = load_scope(args.scope) if args.scope else None
    log = AuditLog(args.audit_log or DEFAULT_AUDIT_LOG) if args.apply else None
    chosen = [p for v in args.provider or () for p in _split(v)]
    present = sorted({str((f.get("resource") or {}).get("provider")) for f in result["findings"]})
    clouds = clouds_from(args, chosen or [p for p in present if p in ("aws", "azure", "gcp")])
    plan = plan_remediation(
        result,
        policy_ids=args.policy_id,
        findings=args.finding,
        clouds=clouds,
        scope=scope,
        options=Options(split_ranges=args.split_ranges),
        include=_filter(args),
        source=args.result,
    )
    if log is not None:
        apply_remediation(plan, audit_log=log, clouds=clouds)
        c.progress(f"audit log: {log.path}")
    write_plan(plan, args.format, args.output)
    if plan.failed:
        for action in plan.failed:
            print(f"cspm-opa: remediation failed: {action.action} on {action.resource}: "
                  f"{action.error}", file=sys.stderr)  # fmt: skip
    return plan.exit_code


def write_plan(plan: Plan, fmt: str, output: str | None) -> None:
    from cspm_opa import _json

    if fmt == "json":
        c.emit(_json.dumps(plan.to_list()), output)
    else:
        c.emit(render_table(plan), output)


def _state(action: Any, applied_run: bool) -> str:
    if action.error:
        return "FAILED"
    if action.skipped:
        return "SKIPPED"
    if action.applied:
        return "APPLIED"
    return "PLANNED" if not applied_run else "NOT APPLIED"


def render_table(plan: Plan) -> str:
    """One block per call: state, check, call and region, resource, then the parameters
    or the reason it was skipped or failed."""
    if not plan.actions:
        return "Nothing to remediate: no selected FAIL finding has a remediation.\n"
    lines = []
    for a in plan.actions:
        lines.append(f"{_state(a, plan.applied):<11} {a.policy_id:<20} {a.action} ({a.region})")
        lines.append(f"            {a.resource}")
        if a.error:
            lines.append(f"            error: {a.error}")
        elif a.skipped:
            lines.append(f"            skipped: {a.skipped}")
        else:
            lines.append(f"            params: {json.dumps(a.params, sort_keys=True)}")
    counts: dict[str, int] = {}
    for a in plan.actions:
        state = _state(a, plan.applied).lower()
        counts[state] = counts.get(state, 0) + 1
    summary = ", ".join(f"{n} {state}" for state, n in sorted(counts.items()))
    mode = "applied" if plan.applied else "dry run: nothing was changed (add --apply)"
    lines.append(f"\n{len(plan.actions)} call(s): {summary} [{mode}]")
    return "\n".join(lines) + "\n"


# --- event and watch: --remediate POLICY_ID,... ---------------------------------------


def add_remediate_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--remediate",
        metavar="POLICY_ID,...",
        help="apply remediation to new FAILs of these checks (needs --audit-log)",
    )
    p.add_argument("--audit-log", metavar="FILE",
                   help="with --remediate: the JSON Lines audit log of every change")  # fmt: skip
    p.add_argument("--split-ranges", action="store_true",
                   help="with --remediate: as remediate --split-ranges")  # fmt: skip


def remediate_settings(args: argparse.Namespace) -> tuple[tuple[str, ...], Any] | None:
    """The checks and the audit log of --remediate, checked before any cloud is read."""
    from cspm_opa.remediate import AuditLog
    from cspm_opa.remediate.auto import parse_policy_list

    if not getattr(args, "remediate", None):
        if getattr(args, "audit_log", None):
            raise ConfigError("--audit-log is for --remediate: give --remediate POLICY_ID,...")
        return None
    ids = parse_policy_list(args.remediate)
    if not args.audit_log:
        raise ConfigError(
            "--remediate changes the cloud, and every change is audited: give --audit-log FILE"
        )
    return ids, AuditLog(args.audit_log)


def remediate_after(args: argparse.Namespace, settings: tuple[tuple[str, ...], Any],
                    result: Mapping[str, Any], scope: Any = None) -> Plan:  # fmt: skip
    """Apply the --remediate checks' actions to ``result``'s new FAILs."""
    from cspm_opa.remediate import Options
    from cspm_opa.remediate.auto import remediate_new_fails

    ids, log = settings
    providers = [p for v in args.provider or () for p in _split(v)]
    plan = remediate_new_fails(
        result, ids, audit_log=log, clouds=clouds_from(args, providers), scope=scope,
        options=Options(split_ranges=args.split_ranges),
    )  # fmt: skip
    return plan


def report_remediation(plan: Plan) -> None:
    """One line per call on stderr (the command's own output stays the scan result)."""
    for a in plan.actions:
        detail = a.error or a.skipped or ""
        print(f"cspm-opa: remediate: {_state(a, True).lower()}: {a.action} ({a.region}) "
              f"{a.resource}{': ' + detail if detail else ''}", file=sys.stderr)  # fmt: skip
