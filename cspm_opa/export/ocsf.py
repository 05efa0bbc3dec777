"""OCSF Compliance Finding (class 2003) records, one per result, as JSON Lines.

The records declare OCSF 1.1.0 in ``metadata.version``: the version Amazon Security Lake
documents for custom sources. Every result is written, PASS included, so that a SIEM sees
a control pass as well as fail. The mapping (docs/siem.md):

- ``class_uid`` 2003, ``category_uid`` 2, ``activity_id`` 1 (Create), ``type_uid`` 200301,
  ``time`` the scan's ``generated_at`` in epoch milliseconds;
- ``severity_id`` 1 (INFO) to 5 (CRITICAL);
- ``compliance``: the frameworks as ``standards``, ``framework:control`` as
  ``requirements``, the check id as ``control``, and ``status_id`` PASS 1, FAIL 3, UNKNOWN 0
  (a WAIVED result is a failed check: 3);
- ``status_id`` 3 (Suppressed) on a WAIVED result, nothing otherwise;
- ``finding_info`` (the finding uid, title, and first and last seen when a store kept
  history), ``remediation.desc``, ``message``, ``cloud`` (provider, account, region) and
  ``resource`` (id, type, name, region, tags as ``key=value`` labels).

OCSF 1.1.0's Compliance Finding has the singular ``resource``; ``resources`` joined it in
1.3.0, so a record declaring 1.1.0 uses ``resource``. Every attribute is in the class (or
in the profiles and includes its base event names); nothing outside OCSF's dictionary
is written. The records are plain dicts, so JSON Lines needs neither pyarrow nor
pydantic-ocsf; the tests hold each one to pydantic-ocsf's 1.1.0 model.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import datetime
from typing import Any

from cspm_opa import _json

__all__ = [
    "CLASS_UID",
    "OCSF_VERSION",
    "SEVERITY_IDS",
    "event_time",
    "ocsf_account",
    "ocsf_findings",
    "ocsf_region",
    "render_ocsf",
]

OCSF_VERSION = "1.1.0"
CLASS_UID = 2003
CATEGORY_UID = 2
ACTIVITY_ID = 1
TYPE_UID = CLASS_UID * 100 + ACTIVITY_ID

SEVERITY_IDS = {"INFO": 1, "LOW": 2, "MEDIUM": 3, "HIGH": 4, "CRITICAL": 5}
_SEVERITY_CAPTIONS = {1: "Informational", 2: "Low", 3: "Medium", 4: "High", 5: "Critical"}

# compliance.status_id: OCSF 1.1.0 defines 1 Pass, 2 Warning, 3 Fail on the object, and
# 0 Unknown and 99 Other through the dictionary's status_id.
_COMPLIANCE_STATUS = {"PASS": (1, "Pass"), "FAIL": (3, "Fail"), "WAIVED": (3, "Fail"),
                      "UNKNOWN": (0, "Unknown")}  # fmt: skip

_PROVIDERS = {"aws": "AWS", "azure": "Azure", "gcp": "GCP"}
# cloud.account.type_id (OCSF 1.1.0): 10 AWS Account; the others are 99 Other, named.
_ACCOUNT_TYPES = {"aws": (10, "AWS Account"), "azure": (99, "Azure Subscription"),
                  "gcp": (99, "GCP Project")}  # fmt: skip


def _epoch_ms(timestamp: str) -> int:
    return int(datetime.fromisoformat(timestamp.replace("Z", "+00:00")).timestamp() * 1000)


def event_time(result: Mapping[str, Any]) -> int:
    """The records' ``time``: the scan's ``generated_at`` in epoch milliseconds."""
    return _epoch_ms(result["generated_at"])


def ocsf_region(resource: Mapping[str, Any]) -> str:
    """The resource's region, or ``global`` for a resource that has none."""
    region = str(resource.get("region") or "").strip()
    return region or "global"


def ocsf_account(resource: Mapping[str, Any]) -> str:
    """The AWS account, Azure subscription or GCP project the resource lives in."""
    return str(resource["account"])


def _product(result: Mapping[str, Any]) -> dict[str, Any]:
    tool = result.get("tool") or {}
    product: dict[str, Any] = {"name": tool.get("name") or "cspm-opa", "vendor_name": "cspm-opa"}
    if tool.get("version"):
        product["version"] = tool["version"]
    return product


def _cloud(resource: Mapping[str, Any]) -> dict[str, Any]:
    provider = str(resource["provider"])
    type_id, type_name = _ACCOUNT_TYPES.get(provider, (99, f"{provider} account"))
    cloud: dict[str, Any] = {
        "provider": _PROVIDERS.get(provider, provider),
        "account": {"uid": ocsf_account(resource), "type_id": type_id, "type": type_name},
        "region": ocsf_region(resource),
    }
    if provider == "gcp":
        cloud["project_uid"] = ocsf_account(resource)
    return cloud


def _resource(resource: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {
        "uid": resource["id"],
        "type": resource["type"],
        "region": ocsf_region(resource),
    }
    if resource.get("name"):
        out["name"] = resource["name"]
    tags = resource.get("tags") or {}
    if tags:
        out["labels"] = [f"{k}={v}" if v != "" else str(k) for k, v in sorted(tags.items())]
    return out


def _compliance(finding: Mapping[str, Any]) -> dict[str, Any]:
    mappings = finding.get("compliance") or []
    status_id, status = _COMPLIANCE_STATUS[finding["status"]]
    out: dict[str, Any] = {
        "control": finding["policy_id"],
        "standards": sorted({m["framework"] for m in mappings}),
        "status_id": status_id,
        "status": status,
    }
    requirements = list(dict.fromkeys(f"{m['framework']}:{m['control']}" for m in mappings))
    if requirements:
        out["requirements"] = requirements
    return out


def _finding_info(finding: Mapping[str, Any]) -> dict[str, Any]:
    info: dict[str, Any] = {"uid": finding["uid"], "title": finding["title"]}
    if finding.get("first_seen"):
        info["first_seen_time"] = info["created_time"] = _epoch_ms(finding["first_seen"])
    if finding.get("last_seen"):
        info["last_seen_time"] = _epoch_ms(finding["last_seen"])
    return info


def ocsf_finding(
    finding: Mapping[str, Any], *, time: int, product: Mapping[str, Any]
) -> dict[str, Any]:
    """One Compliance Finding record for one result."""
    severity_id = SEVERITY_IDS[finding["severity"]]
    record: dict[str, Any] = {
        "class_uid": CLASS_UID,
        "class_name": "Compliance Finding",
        "category_uid": CATEGORY_UID,
        "category_name": "Findings",
        "activity_id": ACTIVITY_ID,
        "activity_name": "Create",
        "type_uid": TYPE_UID,
        "type_name": "Compliance Finding: Create",
        "time": time,
        "severity_id": severity_id,
        "severity": _SEVERITY_CAPTIONS[severity_id],
        "metadata": {"version": OCSF_VERSION, "product": dict(product), "profiles": ["cloud"]},
        "finding_info": _finding_info(finding),
        "compliance": _compliance(finding),
        "cloud": _cloud(finding["resource"]),
        "resource": _resource(finding["resource"]),
    }
    if finding.get("message"):
        record["message"] = finding["message"]
    if finding.get("remediation"):
        record["remediation"] = {"desc": finding["remediation"]}
    if finding["status"] == "WAIVED":
        record["status_id"] = 3
        record["status"] = "Suppressed"
    return record


def ocsf_findings(result: Mapping[str, Any]) -> Iterator[dict[str, Any]]:
    """The scan result's findings as OCSF Compliance Finding records, in order."""
    time, product = event_time(result), _product(result)
    for finding in result["findings"]:
        yield ocsf_finding(finding, time=time, product=product)


def render_ocsf(result: Mapping[str, Any]) -> bytes:
    """JSON Lines: one Compliance Finding per result, UTF-8."""
    return b"".join(_json.dumps(r, indent=False) + b"\n" for r in ocsf_findings(result))
