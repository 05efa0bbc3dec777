"""Build the framework catalogs in cspm_opa/compliance/data/ from ../shared/catalogs.

The shared lists are facts (control ids, titles, sections, automated or manual, and the
Prowler checks mapped to each control on each cloud); this script reshapes them into one
file per framework key. Run it again when they change, or when a manual reason changes:

    python scripts/build_catalogs.py [SHARED_CATALOGS_DIR]

Each built control carries:

- ``prowler_checks``: ``{cloud: [names]}``, the checks Prowler maps to the control on each
  cloud it has a catalog for (a hint of the evidence needed; scripts/map_frameworks.py
  matches our checks to controls through it and scripts/crosswalk/<cloud>.json);
- ``manual``: ``{cloud: reason}``, why no check of ours evidences the control on that cloud.
  The reasons are written by hand in scripts/manual/<cloud>.json (one cloud) and
  scripts/manual/common.json (every cloud the framework applies to; a cloud's own file
  wins, and its ``null`` withdraws the common reason on that cloud), as
  ``{"<framework key>": {"<control id>": "one line"}}``.

Cross-cloud frameworks (``provider`` null) apply to AWS, Azure and GCP. PCI DSS, SOC 2 and
ISO 27001 are the union of Prowler's per-cloud catalogs; NIST 800-53 and GDPR exist in
Prowler for AWS only, so their controls carry AWS hints alone (the evidence they describe is
the same on the other clouds).
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "cspm_opa" / "compliance" / "data"
MANUAL = REPO / "scripts" / "manual"
CLOUDS = ("aws", "azure", "gcp")

Row = dict[str, Any]
Control = dict[str, Any]


def _cis(rows: Iterable[Row]) -> list[Control]:
    return [
        {
            "id": r["id"],
            "title": r["title"],
            "section": r["section"],
            "assessment": (r["assessment"] or "Manual").lower(),
            "profile": r["profile"],
        }
        for r in rows
    ]


def _pci(rows: Iterable[Row]) -> list[Control]:
    # Rows are per-check splits ("1.2.5.6" = requirement 1.2.5, item 6); keep requirements.
    out = []
    for r in rows:
        req, _, title = r["section"].partition(":")
        rid = req.strip()
        head = rid.split(".")[0]
        section = f"Appendix {head}" if head.startswith("A") else f"Requirement {head}"
        out.append({"id": rid, "title": title.strip(), "section": section, "profile": None})
    return out


def _soc2(rows: Iterable[Row]) -> list[Control]:
    # The criterion id leads the title ("CC6.1 The entity ..."); Prowler's row ids are keys.
    out = []
    for r in rows:
        cid, _, title = r["title"].partition(" ")
        out.append({"id": cid, "title": title, "section": r["section"], "profile": None})
    return out


_NIST_LEAD = re.compile(r"^([A-Z]{2}-\d+(?:\([a-z0-9]+\))*)\s*(.*)$")
_NIST_TAIL = re.compile(r"^(.*\S)\s+\(([A-Z]{2}-\d+)\)$")


def _nist(rows: Iterable[Row]) -> list[Control]:
    # Titles are "AC-2(1) Automated System Account Management" or "Access Enforcement (AC-3)".
    out = []
    for r in rows:
        if m := _NIST_LEAD.match(r["title"]):
            cid, title = m.group(1), m.group(2) or r["section"].rsplit(" / ", 1)[-1]
        elif m := _NIST_TAIL.match(r["title"]):
            title, cid = m.group(1), m.group(2)
        else:
            raise ValueError(f"NIST row {r['id']!r}: no control id in title {r['title']!r}")
        out.append({"id": cid, "title": title, "section": r["section"], "profile": None})
    return out


def _iso(rows: Iterable[Row]) -> list[Control]:
    return [
        {"id": r["id"], "title": r["title"], "section": r["section"], "profile": None} for r in rows
    ]


def _gdpr(rows: Iterable[Row]) -> list[Control]:
    # "article_25" / "Article 25 Data protection by design and by default"
    out = []
    for r in rows:
        m = re.match(r"^(Article \d+)\s+(.*)$", r["title"])
        if not m:
            raise ValueError(f"GDPR row {r['id']!r}: title {r['title']!r} names no article")
        out.append({"id": m.group(1), "title": m.group(2), "section": m.group(1), "profile": None})
    return out


def _id_key(cid: str) -> tuple[str, list[int]]:
    head = cid[: len(cid) - len(cid.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))]
    return head, [int(p) for p in cid[len(head) :].split(".") if p.isdigit()] or [0]


_SOC2_ORDER = {"CC": 0, "A": 1, "C": 2, "PI": 3, "P": 4}


def _soc2_key(cid: str) -> tuple[int, list[int]]:
    head, nums = _id_key(cid)
    return _SOC2_ORDER.get(head, 9), nums


Shape = Callable[[Iterable[Row]], list[Control]]

# key: (title, version, provider or None for cross-cloud, {cloud: shared file}, shape, sort)
FRAMEWORKS: dict[str, tuple[str, str, str | None, dict[str, str], Shape, Any]] = {
    "CIS_AWS_v5.0": ("CIS Amazon Web Services Foundations Benchmark", "5.0.0", "aws",
                     {"aws": "cis_aws_5.0.json"}, _cis, None),
    "CIS_Azure_v4.0": ("CIS Microsoft Azure Foundations Benchmark", "4.0.0", "azure",
                       {"azure": "cis_azure_4.0.json"}, _cis, None),
    "CIS_GCP_v4.0": ("CIS Google Cloud Platform Foundation Benchmark", "4.0.0", "gcp",
                     {"gcp": "cis_gcp_4.0.json"}, _cis, None),
    "PCI_DSS_v4.0": ("PCI DSS", "4.0.1", None,
                     {c: f"pci_dss_4.0_{c}.json" for c in CLOUDS}, _pci, _id_key),
    "SOC2": ("SOC 2 Trust Services Criteria", "2017 (revised 2022)", None,
             {c: f"soc2_{c}.json" for c in CLOUDS}, _soc2, _soc2_key),
    "NIST_800_53_r5": ("NIST SP 800-53 Security and Privacy Controls", "Revision 5", None,
                       {"aws": "nist_800_53_r5_aws.json"}, _nist, None),
    "ISO_27001_2022": ("ISO/IEC 27001 Annex A controls", "2022", None,
                       {c: f"iso27001_2022_{c}.json" for c in CLOUDS}, _iso, None),
    "GDPR": ("General Data Protection Regulation (EU) 2016/679", "2016/679", None,
             {"aws": "gdpr_aws.json"}, _gdpr, None),
}  # fmt: skip


def clouds_of(provider: str | None) -> tuple[str, ...]:
    return CLOUDS if provider is None else (provider,)


def _merge(shared: Path, files: dict[str, str], shape: Shape, sort: Any) -> list[Control]:
    """One control per id over every cloud's rows, with each cloud's Prowler checks."""
    merged: dict[str, Control] = {}
    for cloud, name in files.items():
        rows = json.loads((shared / name).read_text(encoding="utf-8"))
        for row, control in zip(rows, shape(rows), strict=True):
            entry = merged.setdefault(control["id"], {**control, "prowler_checks": {}})
            hints = entry["prowler_checks"].setdefault(cloud, [])
            # Prowler's Azure ISO file joins some names with spaces in one string
            # (A.8.2, A.8.5): one name per entry.
            names = [n for c in row["prowler_checks"] for n in c.split()]
            hints.extend(n for n in dict.fromkeys(names) if n not in hints)
    controls = list(merged.values())
    if sort is not None:
        controls.sort(key=lambda c: sort(c["id"]))
    for c in controls:
        if "assessment" not in c:
            # Frameworks without their own automated/manual flag: automated where Prowler
            # maps a check on some cloud, so the flag says what cloud evidence can reach.
            c["assessment"] = "automated" if any(c["prowler_checks"].values()) else "manual"
        c["prowler_checks"] = {k: sorted(v) for k, v in sorted(c["prowler_checks"].items())}
    order = ("id", "title", "section", "assessment", "profile", "prowler_checks")
    return [{k: c[k] for k in order} for c in controls]


def _manual_reasons() -> dict[str, dict[str, dict[str, str]]]:
    """{framework: {control: {cloud: reason}}} from scripts/manual/*.json."""
    out: dict[str, dict[str, dict[str, str]]] = {}
    for scope in ("common", *CLOUDS):
        path = MANUAL / f"{scope}.json"
        if not path.is_file():
            continue
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise SystemExit(f"{path}: line {exc.lineno}: {exc.msg}") from exc
        for key, controls in doc.items():
            if key not in FRAMEWORKS:
                raise SystemExit(f"{path}: unknown framework key {key!r}")
            provider = FRAMEWORKS[key][2]
            clouds = clouds_of(provider) if scope == "common" else (scope,)
            if scope != "common" and scope not in clouds_of(provider):
                raise SystemExit(f"{path}: {key} does not apply to {scope}")
            for cid, reason in controls.items():
                if reason is None and scope != "common":
                    # A cloud file's null withdraws common.json's reason on that cloud.
                    out.setdefault(key, {}).setdefault(cid, {})[scope] = ""
                    continue
                if not isinstance(reason, str) or not reason.strip() or "\n" in reason:
                    raise SystemExit(f"{path}: {key} {cid}: the reason must be one line of text")
                for cloud in clouds:
                    if scope == "common" and cloud in out.get(key, {}).get(cid, {}):
                        continue
                    out.setdefault(key, {}).setdefault(cid, {})[cloud] = reason.strip()
    return out


def main(shared: Path) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    manual = _manual_reasons()
    for key, (title, version, provider, files, shape, sort) in FRAMEWORKS.items():
        controls = _merge(shared, files, shape, sort)
        known = {c["id"] for c in controls}
        reasons = manual.get(key, {})
        if unknown := sorted(set(reasons) - known):
            raise SystemExit(f"scripts/manual: {key} has no control {', '.join(unknown)}")
        for c in controls:
            if given := {k: v for k, v in sorted(reasons.get(c["id"], {}).items()) if v}:
                c["manual"] = given
        doc = {
            "framework": key,
            "title": title,
            "version": version,
            "provider": provider,
            "source": "shared/catalogs/"
            + ", ".join(files.values())
            + " (from Prowler's compliance mappings, Apache-2.0)",
            "controls": controls,
        }
        target = OUT / f"{key}.json"
        target.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
        print(f"{target.relative_to(REPO)}: {len(controls)} controls")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared" / "catalogs")
