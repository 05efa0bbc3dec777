"""Account-wide and per-region settings: ``aws_account`` and ``aws_region_settings``.

Both are assembled from several calls (password policy, account summary, credential
report, S3 Control, Organizations, ...). Each config field comes from one source; when
that source failed or was not read, the field holds a placeholder and is named in the
document's ``unknown`` list, so the checks that read it report UNKNOWN.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from cspm_opa.normalize.aws.common import GLOBAL, Document, iso, resource
from cspm_opa.normalize.aws.facts import Facts, Record
from cspm_opa.normalize.aws.iam import root_report_row

__all__ = ["account_document", "region_settings_document"]

Source = Callable[[Record], Any]


def _field(
    record: Record | None, op: str, read: Source, *, placeholder: Any, unknown: list[str], name: str
) -> Any:
    """Read one field from ``record``, or note it unknown when ``op`` failed or never ran."""
    if record is None or op in record.failed:
        unknown.append(name)
        return placeholder
    return read(record)


def _password_policy(record: Record) -> dict[str, Any] | None:
    raw = record.data.get("PasswordPolicy")
    if not raw:
        return None
    expire = bool(raw.get("ExpirePasswords", False))
    return {
        "minimum_password_length": int(raw.get("MinimumPasswordLength", 6)),
        "require_symbols": bool(raw.get("RequireSymbols", False)),
        "require_numbers": bool(raw.get("RequireNumbers", False)),
        "require_uppercase_characters": bool(raw.get("RequireUppercaseCharacters", False)),
        "require_lowercase_characters": bool(raw.get("RequireLowercaseCharacters", False)),
        "allow_users_to_change_password": bool(raw.get("AllowUsersToChangePassword", False)),
        "expire_passwords": expire,
        "max_password_age": raw.get("MaxPasswordAge") if expire else None,
        "password_reuse_prevention": raw.get("PasswordReusePrevention"),
        "hard_expiry": bool(raw.get("HardExpiry", False)),
    }


def _root_user(record: Record) -> dict[str, Any]:
    summary = record.data.get("SummaryMap", {})
    return {
        "mfa_active": int(summary.get("AccountMFAEnabled", 0)) > 0,
        "access_keys_present": int(summary.get("AccountAccessKeysPresent", 0)),
    }


def _root_virtual_mfa(record: Record) -> bool:
    return any(
        str((device.get("User") or {}).get("Arn", "")).endswith(":root")
        for device in record.data.get("VirtualMFADevices", [])
    )


def _block(raw: Mapping[str, Any] | None) -> dict[str, bool] | None:
    if not raw:
        return None
    return {
        "block_public_acls": bool(raw.get("BlockPublicAcls", False)),
        "ignore_public_acls": bool(raw.get("IgnorePublicAcls", False)),
        "block_public_policy": bool(raw.get("BlockPublicPolicy", False)),
        "restrict_public_buckets": bool(raw.get("RestrictPublicBuckets", False)),
    }


def _organization(record: Record) -> dict[str, str] | None:
    org = record.data.get("Organization")
    if not org:
        return None
    return {
        "id": org["Id"],
        "master_account_id": org.get("MasterAccountId", ""),
        "feature_set": org.get("FeatureSet", "ALL"),
    }


def account_document(facts: Facts, name: str | None = None) -> Document:
    """The ``aws_account`` document of the facts' account."""
    unknown: list[str] = []
    iam = facts.one("iam.account")
    root = root_report_row(facts)
    if root is None:
        unknown.append("root_activity")
        activity = None
    else:
        activity = {
            "password_last_used": iso(root.get("password_last_used")),
            "access_key_1_last_used": iso(root.get("access_key_1_last_used_date")),
            "access_key_2_last_used": iso(root.get("access_key_2_last_used_date")),
        }
    config = {
        "password_policy": _field(
            iam,
            "GetAccountPasswordPolicy",
            _password_policy,
            placeholder=None,
            unknown=unknown,
            name="password_policy",
        ),
        "root_user": _field(
            iam,
            "GetAccountSummary",
            _root_user,
            placeholder={"mfa_active": False, "access_keys_present": 0},
            unknown=unknown,
            name="root_user",
        ),
        "root_virtual_mfa": _field(
            iam,
            "ListVirtualMFADevices",
            _root_virtual_mfa,
            placeholder=False,
            unknown=unknown,
            name="root_virtual_mfa",
        ),
        "root_activity": activity,
        "s3_public_access_block": _field(
            facts.one("s3.account_public_access_block"),
            "GetPublicAccessBlock",
            lambda r: _block(r.data.get("PublicAccessBlockConfiguration")),
            placeholder=None,
            unknown=unknown,
            name="s3_public_access_block",
        ),
        "organization": _field(
            facts.one("organizations.organization"),
            "DescribeOrganization",
            _organization,
            placeholder=None,
            unknown=unknown,
            name="organization",
        ),
        "security_contact_registered": _field(
            facts.one("account.security_contact"),
            "GetAlternateContact",
            lambda r: bool(r.data.get("Registered")),
            placeholder=False,
            unknown=unknown,
            name="security_contact_registered",
        ),
    }
    return resource(
        "aws_account", facts.account_id, name or facts.account_id, GLOBAL, config, unknown=unknown
    )


def _recorders(record: Record) -> list[dict[str, Any]]:
    statuses = {s.get("name"): s for s in record.data.get("ConfigurationRecordersStatus", [])}
    out = []
    for rec in record.data.get("ConfigurationRecorders", []):
        group = rec.get("recordingGroup") or {}
        status = statuses.get(rec.get("name"), {})
        last = status.get("lastStatus")
        out.append(
            {
                "name": rec.get("name", "default"),
                "recording": bool(status.get("recording", False)),
                "all_supported": bool(group.get("allSupported", False)),
                "include_global_resource_types": bool(
                    group.get("includeGlobalResourceTypes", False)
                ),
                "last_status": last if last in ("SUCCESS", "FAILURE", "PENDING") else None,
            }
        )
    return out


def _analyzers(record: Record) -> list[dict[str, str]]:
    return [
        {"name": a["name"], "type": a["type"], "status": a.get("status", "ACTIVE")}
        for a in record.data.get("analyzers", [])
    ]


def _detectors(record: Record) -> list[dict[str, str]]:
    return [
        {"detector_id": d["DetectorId"], "status": d.get("Status", "DISABLED")}
        for d in record.data.get("Detectors", [])
    ]


def region_settings_document(facts: Facts, region: str) -> Document:
    """The ``aws_region_settings`` document of one region."""
    unknown: list[str] = []
    config = {
        "ebs_encryption_by_default": _field(
            facts.one("ec2.ebs_encryption_by_default", region),
            "GetEbsEncryptionByDefault",
            lambda r: bool(r.data.get("EbsEncryptionByDefault", False)),
            placeholder=False,
            unknown=unknown,
            name="ebs_encryption_by_default",
        ),
        "access_analyzers": _field(
            facts.one("accessanalyzer.analyzers", region),
            "ListAnalyzers",
            _analyzers,
            placeholder=[],
            unknown=unknown,
            name="access_analyzers",
        ),
        "security_hub_enabled": _field(
            facts.one("securityhub.hub", region),
            "DescribeHub",
            lambda r: bool(r.data.get("Enabled")),
            placeholder=False,
            unknown=unknown,
            name="security_hub_enabled",
        ),
        "config_recorders": _field(
            facts.one("config.recorders", region),
            "DescribeConfigurationRecorders",
            _recorders,
            placeholder=[],
            unknown=unknown,
            name="config_recorders",
        ),
        "guardduty_detectors": _field(
            facts.one("guardduty.detectors", region),
            "ListDetectors",
            _detectors,
            placeholder=[],
            unknown=unknown,
            name="guardduty_detectors",
        ),
    }
    # A failed status or detail call leaves the listing known but its details not.
    recorders = facts.one("config.recorders", region)
    if recorders is not None and "DescribeConfigurationRecorderStatus" in recorders.failed:
        unknown.append("config_recorders")
    detectors = facts.one("guardduty.detectors", region)
    if detectors is not None and "GetDetector" in detectors.failed:
        unknown.append("guardduty_detectors")
    rid = f"{facts.account_id}/{region}"
    return resource("aws_region_settings", rid, region, region, config, unknown=unknown)
