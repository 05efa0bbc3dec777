"""Derive each check's PCI DSS, SOC 2, NIST 800-53, ISO 27001 and GDPR controls from Prowler's.

How the mappings were derived, reproducibly. The check METADATA (``custom.compliance`` in
each rego/<cloud>/**.rego) is the source of truth afterwards: edit it by hand when a
mapping is wrong, and the next run keeps the edit (this script only ever adds controls).

The derivation: scripts/crosswalk/<cloud>.json says, for each of our checks, which Prowler
checks it gives equivalent evidence for (judged by what both look at, not by name):

    {"AWS-S3-001": ["s3_bucket_secure_transport_policy"], "AWS-EC2-009": []}

The built catalogs (cspm_opa/compliance/data, see scripts/build_catalogs.py) list, per
control and cloud, the Prowler checks mapped to it. A check evidences a control on its
cloud when one of its crosswalked names is among them. NIST 800-53 and GDPR exist in
Prowler for AWS only; on Azure and GCP their controls are matched against the AWS names:
scripts/crosswalk/nist_gdpr_equivalents.json lists, per AWS check, its Azure and GCP
equivalents (see aws_equivalents below).

    python scripts/map_frameworks.py --provider aws            # write the METADATA
    python scripts/map_frameworks.py --provider aws --check    # exit 1 if a file would change

CIS keys are never touched (the CIS benchmarks are mapped by hand, recommendation by
recommendation). Existing PCI/SOC 2/... entries are kept: the result is the union. Each file
is read and written back to back, since other people edit rule bodies at the same time.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from functools import cache
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "cspm_opa" / "compliance" / "data"
CROSSWALK = REPO / "scripts" / "crosswalk"
MAPPED = ("PCI_DSS_v4.0", "SOC2", "NIST_800_53_r5", "ISO_27001_2022", "GDPR")
"""The frameworks this script maps, in the order they are written after the CIS key."""
WIDTH = 100

_KEY_LINE = re.compile(r"^#     (?P<key>[A-Za-z0-9_.]+):")


@cache
def load_catalog(key: str) -> list[dict[str, Any]]:
    doc = json.loads((DATA / f"{key}.json").read_text(encoding="utf-8"))
    controls: list[dict[str, Any]] = doc["controls"]
    return controls


def hints(control: dict[str, Any], provider: str) -> set[str]:
    """The Prowler names that evidence ``control`` on ``provider``: that cloud's own, or, for
    a framework Prowler maps on other clouds only (NIST, GDPR), theirs."""
    per_cloud: dict[str, list[str]] = control.get("prowler_checks") or {}
    if provider in per_cloud:
        return set(per_cloud[provider])
    return {name for names in per_cloud.values() for name in names}


@cache
def known_prowler_names() -> set[str]:
    names: set[str] = set()
    for path in DATA.glob("*.json"):
        for control in json.loads(path.read_text(encoding="utf-8"))["controls"]:
            for cloud_names in (control.get("prowler_checks") or {}).values():
                names.update(cloud_names)
    return names


def load_crosswalk(provider: str) -> dict[str, list[str]]:
    path = CROSSWALK / f"{provider}.json"
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise SystemExit(f"{path}: line {exc.lineno}: {exc.msg}") from exc
    known = known_prowler_names()
    problems = [
        f"{path}: {check_id}: {name!r} is in no catalog's prowler_checks"
        for check_id, names in doc.items()
        for name in names
        if name not in known
    ]
    if problems:
        raise SystemExit("\n".join(problems))
    return {str(k): [str(n) for n in v] for k, v in doc.items()}


def derived(names: list[str], provider: str) -> dict[str, list[str]]:
    """{framework: [control ids in catalog order]} that the Prowler ``names`` evidence."""
    out: dict[str, list[str]] = {}
    wanted = set(names)
    for key in MAPPED:
        ids = [c["id"] for c in load_catalog(key) if hints(c, provider) & wanted]
        if ids:
            out[key] = ids
    return out


# --- NIST 800-53 and GDPR on Azure and GCP ----------------------------------------------
# Prowler maps these two on AWS only, so their controls carry AWS names alone. The file
# scripts/crosswalk/nist_gdpr_equivalents.json says, for each AWS check those controls list,
# which Azure and GCP checks of ours give the same evidence (judged by what both look at):
#
#     {"cloudtrail_multi_region_enabled": {"azure": ["AZURE-MONITOR-001"], "gcp": [...]}}
#
# Inverted, it gives each Azure or GCP check the AWS names it stands for, matched against the
# NIST and GDPR controls only: PCI DSS, SOC 2 and ISO 27001 have each cloud's own names.

EQUIVALENTS = CROSSWALK / "nist_gdpr_equivalents.json"
AWS_ONLY = ("NIST_800_53_r5", "GDPR")


def aws_equivalents(provider: str) -> dict[str, list[str]]:
    """{our ``provider`` check id: [the AWS Prowler names it is the equivalent of]}."""
    if provider == "aws" or not EQUIVALENTS.is_file():
        return {}
    try:
        doc = json.loads(EQUIVALENTS.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise SystemExit(f"{EQUIVALENTS}: line {exc.lineno}: {exc.msg}") from exc
    known = known_prowler_names()
    if unknown := sorted(set(doc) - known):
        raise SystemExit(f"{EQUIVALENTS}: in no catalog's prowler_checks: {', '.join(unknown)}")
    out: dict[str, list[str]] = {}
    for name, per_cloud in doc.items():
        for check in per_cloud.get(provider, []):
            out.setdefault(str(check), []).append(str(name))
    return out


def equivalent_controls(aws_names: list[str]) -> dict[str, list[str]]:
    """{NIST/GDPR key: [control ids in catalog order]} whose AWS names include one of these."""
    wanted = set(aws_names)
    out: dict[str, list[str]] = {}
    for key in AWS_ONLY:
        ids = [
            c["id"]
            for c in load_catalog(key)
            if wanted & set((c.get("prowler_checks") or {}).get("aws", []))
        ]
        if ids:
            out[key] = ids
    return out


def with_equivalents(add: dict[str, list[str]], aws_names: list[str]) -> dict[str, list[str]]:
    """``add`` with the NIST/GDPR controls of ``aws_names`` merged in."""
    merged = {key: list(ids) for key, ids in add.items()}
    for key, ids in equivalent_controls(aws_names).items():
        merged[key] = list(dict.fromkeys([*merged.get(key, []), *ids]))
    return merged


def _metadata_span(lines: list[str]) -> tuple[int, int]:
    """[start, end) of the first METADATA comment block."""
    start = next(i for i, line in enumerate(lines) if line.strip() == "# METADATA")
    end = start + 1
    while end < len(lines) and lines[end].startswith("#"):
        end += 1
    return start, end


def _compliance_segments(
    lines: list[str], start: int, end: int
) -> tuple[int, int, dict[str, list[str]], bool]:
    """Where the compliance block is ([first, last) lines after the ``compliance:`` line),
    its entries as raw line groups per key, and whether it was written ``{}``."""
    head = next(
        (i for i in range(start, end) if lines[i].rstrip().startswith("#   compliance:")), None
    )
    if head is None:
        raise ValueError("METADATA has no custom.compliance")
    empty = lines[head].rstrip().endswith("{}")
    last = head + 1
    while last < end and lines[last].startswith("#     "):
        last += 1
    segments: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines[head + 1 : last]:
        if m := _KEY_LINE.match(line):
            current = segments.setdefault(m.group("key"), [])
        if current is None:
            raise ValueError(f"unexpected line in the compliance block: {line.rstrip()}")
        current.append(line)
    return head, last, segments, empty


def _parse_ids(segment: list[str]) -> list[str]:
    text = "\n".join(line[1:] for line in segment)
    value = next(iter((yaml.safe_load(text) or {}).values()))
    if isinstance(value, (str, int, float)):
        return [str(value)]
    return [str(v) for v in value or []]


def _render(key: str, ids: list[str]) -> list[str]:
    """``#     KEY: ["a", "b", ...]`` wrapped at WIDTH, continuation lines indented."""
    items = [json.dumps(i) for i in ids]
    lines: list[str] = []
    current = f"#     {key}: ["
    for n, item in enumerate(items):
        piece = item + ("]" if n == len(items) - 1 else ",")
        if len(current) + 1 + len(piece) > WIDTH and not current.endswith("["):
            lines.append(current)
            current = "#       " + piece
        else:
            current += ("" if current.endswith("[") else " ") + piece
    lines.append(current)
    return [line + "\n" for line in lines]


def rewrite(text: str, add: dict[str, list[str]]) -> str:
    """``text`` with ``add``'s controls merged into its compliance block."""
    lines = text.splitlines(keepends=True)
    start, end = _metadata_span(lines)
    head, last, segments, empty = _compliance_segments(lines, start, end)
    order = {key: {c["id"]: n for n, c in enumerate(load_catalog(key))} for key in add}
    block: list[str] = []
    for key, segment in segments.items():
        if key not in MAPPED:
            block.extend(segment)
    for key in MAPPED:
        have = _parse_ids(segments[key]) if key in segments else []
        new = add.get(key, [])
        if not have and not new:
            continue
        if not new or set(new) <= set(have):
            block.extend(segments.get(key) or _render(key, have))
            continue
        rank = order.get(key, {})
        ids = sorted(dict.fromkeys([*have, *new]), key=lambda i: (rank.get(i, 1 << 30), i))
        block.extend(_render(key, ids))
    compliance = "#   compliance:\n" if block or not empty else lines[head]
    return "".join([*lines[:head], compliance, *block, *lines[last:]])


def check_id(text: str) -> str | None:
    m = re.search(r"^#   id: (\S+)\s*$", text, re.MULTILINE)
    return m.group(1) if m else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--provider", required=True, choices=["aws", "azure", "gcp"])
    parser.add_argument("--check", action="store_true", help="only report files that change")
    args = parser.parse_args(argv)
    crosswalk = load_crosswalk(args.provider)
    equivalents = aws_equivalents(args.provider)
    seen: set[str] = set()
    changed = []
    for path in sorted((REPO / "rego" / args.provider).rglob("*.rego")):
        text = path.read_text(encoding="utf-8")
        cid = check_id(text)
        if cid is None:
            continue
        seen.add(cid)
        if cid not in crosswalk:
            print(f"note: {cid} ({path.relative_to(REPO)}) is not in the crosswalk yet")
            continue
        try:
            add = derived(crosswalk[cid], args.provider)
            new = rewrite(text, with_equivalents(add, equivalents.get(cid, [])))
        except ValueError as exc:
            raise SystemExit(f"{path}: {exc}") from exc
        if new != text:
            changed.append(path)
            if not args.check:
                path.write_text(new, encoding="utf-8")
    for cid in sorted(set(crosswalk) - seen):
        print(f"warning: the crosswalk names {cid}, which is no {args.provider} check")
    for cid in sorted(set(equivalents) - seen):
        print(f"warning: {EQUIVALENTS.name} names {cid}, which is no {args.provider} check")
    verb = "would change" if args.check else "changed"
    for path in changed:
        print(f"{verb}: {path.relative_to(REPO)}")
    print(f"{len(changed)} files {verb}")
    return 1 if args.check and changed else 0


if __name__ == "__main__":
    sys.exit(main())
