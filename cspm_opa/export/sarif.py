"""SARIF 2.1.0, for code-scanning dashboards (GitHub, GitLab, Azure DevOps).

One rule per check (with its METADATA), one result per FAIL, UNKNOWN or WAIVED finding
(and per PASS with ``include_pass``). The resource is a logical location; the finding
uid is a partial fingerprint, so dashboards track a finding across scans.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cspm_opa import _json

__all__ = ["LEVELS", "SECURITY_SEVERITY", "render_sarif", "sarif_log"]

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"

LEVELS = {"CRITICAL": "error", "HIGH": "error", "MEDIUM": "warning", "LOW": "note", "INFO": "note"}
"""Severity to SARIF level for failures."""

SECURITY_SEVERITY = {"CRITICAL": "9.5", "HIGH": "8.0", "MEDIUM": "5.5", "LOW": "3.0", "INFO": "0.0"}
"""The numeric ``security-severity`` GitHub code scanning ranks by (CVSS-like bands)."""


def _rule(policy: Mapping[str, Any]) -> dict[str, Any]:
    controls = [f"{c['framework']}:{c['control']}" for c in policy.get("compliance", [])]
    return {
        "id": policy["id"],
        "name": policy.get("package", policy["id"]).rsplit(".", 1)[-1],
        "shortDescription": {"text": policy["title"]},
        "fullDescription": {"text": policy.get("description") or policy["title"]},
        "help": {"text": policy.get("remediation") or policy["title"]},
        "defaultConfiguration": {"level": LEVELS[policy["severity"]]},
        "properties": {
            "tags": ["security", policy["resource_type"], *controls],
            "security-severity": SECURITY_SEVERITY[policy["severity"]],
            "severity": policy["severity"],
        },
    }


def _result(finding: Mapping[str, Any], rule_index: int) -> dict[str, Any]:
    res = finding["resource"]
    status = finding["status"]
    out: dict[str, Any] = {
        "ruleId": finding["policy_id"],
        "ruleIndex": rule_index,
        "message": {"text": _message(finding)},
        "locations": [
            {
                "logicalLocations": [
                    {
                        "name": res["name"] or res["id"],
                        "fullyQualifiedName": f"{res['provider']}/{res['account']}/{res['id']}",
                        "kind": "resource",
                    }
                ]
            }
        ],
        "partialFingerprints": {"cspmFindingUid/v1": finding["uid"]},
        "properties": {
            "status": status,
            "severity": finding["severity"],
            "resourceType": res["type"],
            "account": res["account"],
            "region": res["region"],
        },
    }
    if status in ("FAIL", "WAIVED"):
        out["kind"] = "fail"
        out["level"] = LEVELS[finding["severity"]]
    elif status == "UNKNOWN":
        out["kind"] = "review"
        out["level"] = "none"
    else:
        out["kind"] = "pass"
        out["level"] = "none"
    if status == "WAIVED":
        waiver = finding.get("waiver") or {}
        out["suppressions"] = [
            {"kind": "external", "justification": waiver.get("reason", "waived")}
        ]
    return out


def _message(finding: Mapping[str, Any]) -> str:
    res = finding["resource"]
    name = res["name"] or res["id"]
    where = f"{res['type']} {name} in {res['provider']} account {res['account']}"
    detail = finding["message"] or finding["title"]
    return f"{finding['title']}: {detail} ({where})"


def sarif_log(result: Mapping[str, Any], *, include_pass: bool = False) -> dict[str, Any]:
    """The SARIF log object for a scan result."""
    policies = list(result.get("policies", []))
    index = {p["id"]: i for i, p in enumerate(policies)}
    tool = result.get("tool", {})
    results = [
        _result(f, index[f["policy_id"]])
        for f in result["findings"]
        if (include_pass or f["status"] != "PASS") and f["policy_id"] in index
    ]
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "cspm-opa",
                        "version": tool.get("version", "0"),
                        "informationUri": "https://github.com/cspm-opa/cspm-opa",
                        "rules": [_rule(p) for p in policies],
                    }
                },
                "automationDetails": {"id": f"cspm-opa/{result['generated_at']}"},
                "results": results,
                "properties": {"posture_score": result.get("posture_score")},
            }
        ],
    }


def render_sarif(result: Mapping[str, Any], *, include_pass: bool = False) -> str:
    """SARIF 2.1.0 as JSON text."""
    return _json.dumps_text(sarif_log(result, include_pass=include_pass))
