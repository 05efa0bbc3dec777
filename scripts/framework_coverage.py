"""Print how much of each framework the built-in checks evidence, per cloud, beside Prowler.

    python scripts/framework_coverage.py [--markdown]

Reads the mappings from the checks' METADATA (through the real opa binary) and the
catalogs from cspm_opa/compliance/data; the numbers are those docs/frameworks.md quotes and
tests/test_framework_mappings.py holds.
"""

from __future__ import annotations

import argparse

from cspm_opa import load_catalog
from cspm_opa._paths import rego_dir
from cspm_opa.compliance.catalogs import framework, framework_keys
from cspm_opa.compliance.coverage import coverage
from cspm_opa.engine.binary import find_opa


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--markdown", action="store_true", help="a Markdown table")
    args = parser.parse_args()
    policies = load_catalog([rego_dir()], find_opa()).policies
    rows = []
    for key in framework_keys():
        fw = framework(key)
        for cloud in fw.providers:
            c = coverage(policies, key, cloud)
            rows.append(
                (fw.label, fw.version, cloud, f"{c.automated}/{c.controls}", f"{c.percent:.0f}%",
                 str(c.manual), str(c.prowler))
            )  # fmt: skip
    head = ("framework", "version", "cloud", "automated", "share", "manual", "Prowler maps")
    if args.markdown:
        print("| " + " | ".join(head) + " |")
        print("|" + " --- |" * len(head))
        for row in rows:
            print("| " + " | ".join(row) + " |")
        return
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    for row in [head, *rows]:
        print("  ".join(v.ljust(w) for v, w in zip(row, widths, strict=True)))


if __name__ == "__main__":
    main()
