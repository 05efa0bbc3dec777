"""Build the framework catalogs in cspm_opa/compliance/data/ from ../shared/catalogs.

The shared lists are facts (control ids, titles, sections, automated or manual); this
script reshapes them into one file per framework key. Run it again when they change:

    python scripts/build_catalogs.py [SHARED_CATALOGS_DIR]
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "cspm_opa" / "compliance" / "data"

# key: (shared file, title, version, provider or None for cross-cloud frameworks)
FRAMEWORKS = {
    "CIS_AWS_v5.0": (
        "cis_aws_5.0.json", "CIS Amazon Web Services Foundations Benchmark", "5.0.0", "aws"
    ),
    "CIS_Azure_v4.0": (
        "cis_azure_4.0.json", "CIS Microsoft Azure Foundations Benchmark", "4.0.0", "azure"
    ),
    "CIS_GCP_v4.0": (
        "cis_gcp_4.0.json", "CIS Google Cloud Platform Foundation Benchmark", "4.0.0", "gcp"
    ),
    "PCI_DSS_v4.0": ("pci_dss_4.0_aws.json", "PCI DSS", "4.0.1", None),
    "SOC2": ("soc2_aws.json", "SOC 2 Trust Services Criteria", "2017 (revised 2022)", None),
}  # fmt: skip


def _cis(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
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


def _pci(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    # Rows are per-check splits ("1.2.5.6" = requirement 1.2.5, item 6); keep requirements.
    seen: dict[str, dict[str, Any]] = {}
    for r in rows:
        req, _, title = r["section"].partition(":")
        rid = req.strip()
        head = rid.split(".")[0]
        section = f"Appendix {head}" if head.startswith("A") else f"Requirement {head}"
        seen.setdefault(rid, {"id": rid, "title": title.strip(), "section": section,
                              "assessment": "automated", "profile": None})  # fmt: skip
    return sorted(seen.values(), key=lambda c: _id_key(c["id"]))


def _id_key(cid: str) -> tuple[str, list[int]]:
    head = cid[: len(cid) - len(cid.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))]
    return head, [int(p) for p in cid[len(head) :].split(".") if p.isdigit()] or [0]


def _soc2(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    # The criterion id leads the title ("CC6.1 The entity ..."); Prowler's row ids are keys.
    out = []
    for r in rows:
        cid, _, title = r["title"].partition(" ")
        out.append({"id": cid, "title": title, "section": r["section"],
                    "assessment": "automated", "profile": None})  # fmt: skip
    return out


def main(shared: Path) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for key, (name, title, version, provider) in FRAMEWORKS.items():
        rows = json.loads((shared / name).read_text(encoding="utf-8"))
        if key.startswith("CIS"):
            controls = _cis(rows)
        elif key.startswith("PCI"):
            controls = _pci(rows)
        else:
            controls = _soc2(rows)
        doc = {
            "framework": key,
            "title": title,
            "version": version,
            "provider": provider,
            "source": f"shared/catalogs/{name} (from Prowler's compliance mappings, Apache-2.0)",
            "controls": controls,
        }
        target = OUT / f"{key}.json"
        target.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
        print(f"{target.relative_to(REPO)}: {len(controls)} controls")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO.parent / "shared" / "catalogs")
