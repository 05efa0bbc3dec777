"""JUnit XML: one test suite per check, one test case per resource.

FAIL is a <failure>; UNKNOWN and WAIVED are <skipped> with the reason, so a CI
dashboard shows them without counting them as passes.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

__all__ = ["render_junit"]


def render_junit(result: Mapping[str, Any]) -> str:
    """JUnit XML text for a scan result."""
    titles = {p["id"]: p["title"] for p in result.get("policies", [])}
    by_policy: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for finding in result["findings"]:
        by_policy[finding["policy_id"]].append(finding)
    root = ET.Element("testsuites", name="cspm-opa", timestamp=result["generated_at"])
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for policy_id in sorted(by_policy):
        findings = by_policy[policy_id]
        suite = ET.SubElement(root, "testsuite", name=f"{policy_id} {titles.get(policy_id, '')}")
        counts = {"tests": len(findings), "failures": 0, "skipped": 0}
        for finding in findings:
            res = finding["resource"]
            case = ET.SubElement(
                suite,
                "testcase",
                classname=f"{res['provider']}.{res['account']}.{policy_id}",
                name=res["id"],
            )
            status = finding["status"]
            if status == "FAIL":
                counts["failures"] += 1
                failure = ET.SubElement(
                    case, "failure", message=finding["message"], type=finding["severity"]
                )
                failure.text = finding["remediation"]
            elif status in ("UNKNOWN", "WAIVED"):
                counts["skipped"] += 1
                reason = finding["message"] or status.lower()
                ET.SubElement(case, "skipped", message=f"{status}: {reason}")
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
        suite.set("errors", "0")
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("errors", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
