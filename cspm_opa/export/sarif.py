"""SARIF 2.1.0, for code-scanning dashboards (GitHub, GitLab, Azure DevOps).

One rule per check (with its METADATA), one result per FAIL, UNKNOWN or WAIVED finding
(and per PASS with ``include_pass``). The resource is a logical location; the finding
uid is a partial fingerprint, so dashboards track a finding across scans.

Risk, when the scan assessed it: a result with a priority carries it in
``properties.priority`` and its score as ``rank`` (0-100); a result whose finding lies on
attack paths carries the paths' ids in ``properties.attack_paths``, one related location
per step and target of those paths (the step's reason as its message), and one code flow
per path, from the entry to the target in order.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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


def _logical(ref: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "name": ref.get("name") or ref["id"],
        "fullyQualifiedName": f"{ref['provider']}/{ref['account']}/{ref['id']}",
        "kind": "resource",
    }


def _links(path: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [*path["steps"], path["target"]]


def _related(paths: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One location per step and target of the paths (the same resource and reason once)."""
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for path in paths:
        for link in _links(path):
            logical = _logical(link["resource"])
            key = (logical["fullyQualifiedName"], link["why"])
            if key in seen:
                continue
            seen.add(key)
            out.append({
                "id": len(out) + 1,
                "logicalLocations": [logical],
                "message": {"text": link["why"] or logical["name"]},
            })  # fmt: skip
    return out


_ENTRIES = {"internet": "the internet", "network": "the network", "identity": "an identity"}


def _code_flow(path: Mapping[str, Any]) -> dict[str, Any]:
    """The path as a thread flow: the entry, each step, the target (essential)."""
    links = _links(path)
    entry = _ENTRIES.get(path["entry"], path["entry"])
    locations: list[dict[str, Any]] = [
        {"location": {"message": {"text": f"Entry: {entry}"}}, "importance": "important"}
    ]
    for i, link in enumerate(links):
        last = i == len(links) - 1
        locations.append({
            "location": {
                "logicalLocations": [_logical(link["resource"])],
                "message": {"text": link["why"] or link["resource"]["name"]},
            },
            "importance": "essential" if last else "important",
        })  # fmt: skip
    possible = " (possible: not all of it was collected)" * (path["confidence"] != "certain")
    return {
        "message": {"text": f"{path['title']}: {path['risk']} risk{possible}"},
        "threadFlows": [{"id": path["id"], "locations": locations}],
        "properties": {
            "attack_path": path["id"],
            "rule": path["rule"],
            "risk": path["risk"],
            "confidence": path["confidence"],
            "remediate_within": path["remediate_within"],
        },
    }


def _result(
    finding: Mapping[str, Any],
    rule_index: int,
    paths: Sequence[Mapping[str, Any]] = (),
) -> dict[str, Any]:
    res = finding["resource"]
    status = finding["status"]
    out: dict[str, Any] = {
        "ruleId": finding["policy_id"],
        "ruleIndex": rule_index,
        "message": {"text": _message(finding)},
        "locations": [{"logicalLocations": [_logical(res)]}],
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
    priority = finding.get("priority")
    if priority:
        out["rank"] = float(priority["score"])
        out["properties"]["priority"] = {"level": priority["level"], "score": priority["score"]}
    if paths:
        out["relatedLocations"] = _related(paths)
        out["codeFlows"] = [_code_flow(p) for p in paths]
        out["properties"]["attack_paths"] = [p["id"] for p in paths]
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
    on_paths: dict[str, list[Mapping[str, Any]]] = {}
    for path in result.get("attack_paths", []):
        for uid in path["findings"]:
            on_paths.setdefault(uid, []).append(path)
    results = [
        _result(f, index[f["policy_id"]], on_paths.get(f["uid"], ()))
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
