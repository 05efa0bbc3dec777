"""AWS Security Finding Format (ASFF), for AWS Security Hub: ``{"Findings": [...]}``.

One finding per AWS result (PASS included, as Security Hub's own controls do); results on
Azure and GCP resources are left out and counted (:func:`asff_document` returns how many),
since Security Hub takes findings for AWS accounts only.

- ``Id`` is ``cspm-opa/<finding uid>``: stable across scans, so a re-import updates
  the finding instead of adding another.
- ``CreatedAt`` is the finding's ``first_seen`` when a history store kept it, else the
  scan time; ``UpdatedAt`` is the scan time, or the import time on ``--to securityhub``
  so that importing the same result again still counts as an update.
- ``Severity.Label`` INFORMATIONAL to CRITICAL; ``Compliance.Status`` PASSED, FAILED,
  NOT_AVAILABLE (UNKNOWN: the data was not collected) or FAILED for a WAIVED result,
  whose ``Workflow.Status`` is SUPPRESSED; at most 32 ``RelatedRequirements``.
- ``ProductArn`` is the account's default product,
  ``arn:aws:securityhub:<region>:<account>:product/<account>/default``.

:func:`asff_problems` holds a document to botocore's model of BatchImportFindings'
input (required members, types, lengths), when botocore is installed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from cspm_opa import _json

__all__ = [
    "COMPLIANCE_STATUS",
    "MAX_REQUIREMENTS",
    "SEVERITY_LABELS",
    "asff_document",
    "asff_finding",
    "asff_problems",
    "render_asff",
]

SCHEMA_VERSION = "2018-10-08"
MAX_REQUIREMENTS = 32
SEVERITY_LABELS = {"INFO": "INFORMATIONAL", "LOW": "LOW", "MEDIUM": "MEDIUM", "HIGH": "HIGH",
                   "CRITICAL": "CRITICAL"}  # fmt: skip
COMPLIANCE_STATUS = {"PASS": "PASSED", "FAIL": "FAILED", "WAIVED": "FAILED",
                     "UNKNOWN": "NOT_AVAILABLE"}  # fmt: skip
FINDING_TYPE = "Software and Configuration Checks/Industry and Regulatory Standards"
DEFAULT_REGION = "us-east-1"

# Resource types Security Hub names; any other is "Other", the type kept in Details.
RESOURCE_TYPES = {
    "aws_account": "AwsAccount",
    "aws_cloudtrail_trail": "AwsCloudTrailTrail",
    "aws_cloudwatch_metric_alarm": "AwsCloudWatchAlarm",
    "aws_db_instance": "AwsRdsDbInstance",
    "aws_db_snapshot": "AwsRdsDbSnapshot",
    "aws_ebs_volume": "AwsEc2Volume",
    "aws_eip": "AwsEc2Eip",
    "aws_iam_group": "AwsIamGroup",
    "aws_iam_policy": "AwsIamPolicy",
    "aws_iam_role": "AwsIamRole",
    "aws_iam_user": "AwsIamUser",
    "aws_instance": "AwsEc2Instance",
    "aws_kms_key": "AwsKmsKey",
    "aws_lambda_function": "AwsLambdaFunction",
    "aws_lb": "AwsElbv2LoadBalancer",
    "aws_network_acl": "AwsEc2NetworkAcl",
    "aws_network_interface": "AwsEc2NetworkInterface",
    "aws_rds_cluster": "AwsRdsDbCluster",
    "aws_route_table": "AwsEc2RouteTable",
    "aws_s3_bucket": "AwsS3Bucket",
    "aws_security_group": "AwsEc2SecurityGroup",
    "aws_sns_topic": "AwsSnsTopic",
    "aws_subnet": "AwsEc2Subnet",
    "aws_vpc": "AwsEc2Vpc",
}


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _iso(timestamp: str | datetime) -> str:
    """RFC 3339 in UTC with milliseconds, the form Security Hub documents."""
    if isinstance(timestamp, str):
        timestamp = datetime.fromisoformat(timestamp.replace("Z", "+00:00"))
    return timestamp.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + (
        f"{timestamp.microsecond // 1000:03d}Z"
    )


def _region(resource: Mapping[str, Any], region: str | None) -> str:
    """The region of the finding's ProductArn: the import's, else the resource's."""
    if region:
        return region
    own = str(resource.get("region") or "")
    return own if own and own != "global" else DEFAULT_REGION


def _tags(tags: Mapping[str, str]) -> dict[str, str]:
    # Security Hub: at most 50 tags, keys of 1-128 characters, values of up to 256.
    return {_cut(str(k), 128): _cut(str(v), 256) for k, v in list(tags.items())[:50] if k}


def asff_finding(
    finding: Mapping[str, Any],
    *,
    generated_at: str,
    updated_at: str | None = None,
    region: str | None = None,
    product_account: str | None = None,
    product_version: str | None = None,
) -> dict[str, Any]:
    """One AWS result as an AwsSecurityFinding."""
    resource = finding["resource"]
    account = str(resource["account"])
    where = _region(resource, region)
    owner = product_account or account
    label = SEVERITY_LABELS[finding["severity"]]
    requirements = list(
        dict.fromkeys(f"{c['framework']} {c['control']}" for c in finding.get("compliance", []))
    )[:MAX_REQUIREMENTS]
    details = {"cspm-opa/type": resource["type"]}
    if resource.get("name"):
        details["cspm-opa/name"] = _cut(str(resource["name"]), 1024)
    asff_resource: dict[str, Any] = {
        "Type": RESOURCE_TYPES.get(resource["type"], "Other"),
        "Id": resource["id"],
        "Partition": "aws",
        "Details": {"Other": details},
    }
    if resource.get("region") and resource["region"] != "global":
        asff_resource["Region"] = resource["region"]
    if resource.get("tags"):
        asff_resource["Tags"] = _tags(resource["tags"])
    compliance: dict[str, Any] = {"Status": COMPLIANCE_STATUS[finding["status"]]}
    if requirements:
        compliance["RelatedRequirements"] = requirements
    fields = {"ProviderName": "cspm-opa", "cspm-opa/policy_id": finding["policy_id"],
              "cspm-opa/uid": finding["uid"], "cspm-opa/status": finding["status"]}  # fmt: skip
    if product_version:
        fields["ProviderVersion"] = product_version
    if finding.get("priority"):
        fields["cspm-opa/priority"] = finding["priority"]["level"]
    out: dict[str, Any] = {
        "SchemaVersion": SCHEMA_VERSION,
        "Id": f"cspm-opa/{finding['uid']}",
        "ProductArn": f"arn:aws:securityhub:{where}:{owner}:product/{owner}/default",
        "ProductName": "cspm-opa",
        "CompanyName": "cspm-opa",
        "GeneratorId": f"cspm-opa/{finding['policy_id']}",
        "AwsAccountId": account,
        "Types": [FINDING_TYPE],
        "CreatedAt": _iso(finding.get("first_seen") or generated_at),
        "UpdatedAt": _iso(updated_at or generated_at),
        "Severity": {"Label": label, "Original": finding["severity"]},
        "FindingProviderFields": {
            "Severity": {"Label": label, "Original": finding["severity"]},
            "Types": [FINDING_TYPE],
        },
        "Title": _cut(finding["title"], 256),
        "Description": _cut(finding["message"] or finding["title"], 1024),
        "Resources": [asff_resource],
        "Compliance": compliance,
        "ProductFields": fields,
        "RecordState": "ACTIVE",
    }
    if finding.get("remediation"):
        out["Remediation"] = {"Recommendation": {"Text": _cut(finding["remediation"], 512)}}
    if finding["status"] == "WAIVED":
        out["Workflow"] = {"Status": "SUPPRESSED"}
        out["Note"] = {
            "Text": _cut(f"Waived: {(finding.get('waiver') or {}).get('reason', '')}", 512),
            "UpdatedBy": _cut(str((finding.get("waiver") or {}).get("owner") or "cspm-opa"), 512),
            "UpdatedAt": out["UpdatedAt"],
        }
    return out


def asff_document(
    result: Mapping[str, Any],
    *,
    updated_at: str | datetime | None = None,
    region: str | None = None,
    product_account: str | None = None,
) -> tuple[dict[str, Any], int]:
    """``{"Findings": [...]}`` for the AWS results, and how many others were left out."""
    generated_at = result["generated_at"]
    bumped = _iso(updated_at) if updated_at is not None else None
    version = (result.get("tool") or {}).get("version")
    findings, skipped = [], 0
    for finding in result["findings"]:
        if finding["resource"]["provider"] != "aws":
            skipped += 1
            continue
        findings.append(asff_finding(
            finding, generated_at=generated_at, updated_at=bumped, region=region,
            product_account=product_account, product_version=version,
        ))  # fmt: skip
    return {"Findings": findings}, skipped


def render_asff(result: Mapping[str, Any]) -> bytes:
    """The ASFF document of the AWS results, as indented JSON."""
    document, _ = asff_document(result)
    return _json.dumps(document)


def asff_problems(findings: Sequence[Mapping[str, Any]]) -> list[str]:
    """What botocore's model of BatchImportFindings rejects in these findings ([] if none).

    The model is botocore's own service description of Security Hub: each finding must
    carry AwsSecurityFinding's required members, with the declared types and lengths.
    Needs botocore (the ``aws`` extra).
    """
    from botocore.exceptions import ParamValidationError  # type: ignore[import-untyped]
    from botocore.session import get_session  # type: ignore[import-untyped]
    from botocore.validate import ParamValidator  # type: ignore[import-untyped]

    model = get_session().get_service_model("securityhub")
    shape = model.operation_model("BatchImportFindings").input_shape
    finding_shape = model.shape_for("AwsSecurityFinding")
    problems: list[str] = []
    report = ParamValidator().validate({"Findings": list(findings)}, shape)
    if report.has_errors():
        problems.extend(str(ParamValidationError(report=report.generate_report())).splitlines())
    for i, finding in enumerate(findings):
        missing = [m for m in finding_shape.required_members if m not in finding]
        problems.extend(f"Findings[{i}]: missing required {m}" for m in missing)
        status = finding.get("Compliance", {}).get("Status")
        if status is not None and status not in model.shape_for("ComplianceStatus").enum:
            problems.append(f"Findings[{i}].Compliance.Status: {status!r}")
        label = finding.get("Severity", {}).get("Label")
        if label is not None and label not in model.shape_for("SeverityLabel").enum:
            problems.append(f"Findings[{i}].Severity.Label: {label!r}")
        if len(finding.get("Compliance", {}).get("RelatedRequirements", [])) > MAX_REQUIREMENTS:
            problems.append(f"Findings[{i}]: more than {MAX_REQUIREMENTS} RelatedRequirements")
    return problems
