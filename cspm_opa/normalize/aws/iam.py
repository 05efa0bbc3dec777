"""IAM: users (authorization details joined with the credential report), roles, groups,
managed policies with their attachments, and server certificates."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from typing import Any

from cspm_opa.normalize.aws.common import GLOBAL, Document, iso, policy_document, resource, tag_map
from cspm_opa.normalize.aws.facts import Facts, Record

__all__ = [
    "IAM_TYPES",
    "REPORT_FIELDS",
    "credential_report_rows",
    "iam_resources",
    "root_report_row",
]

IAM_TYPES = (
    "aws_iam_user",
    "aws_iam_group",
    "aws_iam_role",
    "aws_iam_policy",
    "aws_iam_server_certificate",
)


ROOT_ROW = "<root_account>"

# Config fields of aws_iam_user that come from the credential report.
REPORT_FIELDS = ("password_enabled", "password_last_used", "mfa_active", "access_keys")


def credential_report_rows(content: str) -> dict[str, dict[str, str]]:
    """The credential report (CSV text) as rows keyed by user name."""
    reader = csv.DictReader(io.StringIO(content))
    return {row["user"]: row for row in reader if row.get("user")}


def root_report_row(facts: Facts) -> dict[str, str] | None:
    """The credential report's <root_account> row, or None when it is not known."""
    rows = _report(facts)
    return None if rows is None else rows.get(ROOT_ROW)


def _report(facts: Facts) -> dict[str, dict[str, str]] | None:
    record = facts.one("iam.credential_report")
    if record is None or record.failed or not isinstance(record.data.get("Content"), str):
        return None
    return credential_report_rows(record.data["Content"])


def iam_resources(facts: Facts) -> list[Document]:
    """Every IAM resource document the facts hold."""
    docs: list[Document] = []
    auth = facts.one("iam.authorization")
    if auth is not None and not auth.failed:
        report = _report(facts)
        users = auth.data.get("UserDetailList", [])
        groups = auth.data.get("GroupDetailList", [])
        roles = auth.data.get("RoleDetailList", [])
        docs.extend(_user(u, report) for u in users)
        docs.extend(_group(g, users) for g in groups)
        docs.extend(_role(r) for r in roles)
        attachments = _attachments(users, groups, roles)
        docs.extend(_customer_policy(p, attachments) for p in auth.data.get("Policies", []))
        docs.extend(
            _aws_policy(r, attachments)
            for r in facts.of("iam.aws_policy")
            if r.data.get("Policy", {}).get("AttachmentCount", 0) > 0
        )
    for record in facts.of("iam.server_certificates"):
        docs.extend(_certificate(c) for c in record.data.get("ServerCertificateMetadataList", []))
    return docs


def _flag(value: str | None) -> bool:
    return value == "true"


def _access_keys(row: Mapping[str, str]) -> list[dict[str, Any]]:
    keys = []
    for n in (1, 2):
        created = iso(row.get(f"access_key_{n}_last_rotated"))
        if created is None:
            continue
        keys.append(
            {
                # The report names keys by slot, not by id: one call covers every user.
                "access_key_id": f"access_key_{n}",
                "status": "Active" if _flag(row.get(f"access_key_{n}_active")) else "Inactive",
                "create_date": created,
                "last_used_date": iso(row.get(f"access_key_{n}_last_used_date")),
            }
        )
    return keys


def _user(raw: Mapping[str, Any], report: Mapping[str, Mapping[str, str]] | None) -> Document:
    name = raw["UserName"]
    row = None if report is None else report.get(name)
    config: dict[str, Any] = {
        "user_id": raw["UserId"],
        "create_date": iso(raw["CreateDate"]),
        "password_enabled": False,
        "password_last_used": None,
        "mfa_active": False,
        "access_keys": [],
        "attached_policy_arns": [p["PolicyArn"] for p in raw.get("AttachedManagedPolicies", [])],
        "inline_policy_names": [p["PolicyName"] for p in raw.get("UserPolicyList", [])],
        "groups": list(raw.get("GroupList", [])),
    }
    unknown: tuple[str, ...] = REPORT_FIELDS
    if row is not None:
        unknown = ()
        config["password_enabled"] = _flag(row.get("password_enabled"))
        config["password_last_used"] = iso(row.get("password_last_used"))
        config["mfa_active"] = _flag(row.get("mfa_active"))
        config["access_keys"] = _access_keys(row)
    return resource(
        "aws_iam_user",
        raw["Arn"],
        name,
        GLOBAL,
        config,
        tags=tag_map(raw.get("Tags")),
        unknown=unknown,
    )


def _group(raw: Mapping[str, Any], users: Iterable[Mapping[str, Any]]) -> Document:
    name = raw["GroupName"]
    config = {
        "group_id": raw["GroupId"],
        "attached_policy_arns": [p["PolicyArn"] for p in raw.get("AttachedManagedPolicies", [])],
        "inline_policy_names": [p["PolicyName"] for p in raw.get("GroupPolicyList", [])],
        "member_user_names": sorted(u["UserName"] for u in users if name in u.get("GroupList", [])),
    }
    return resource("aws_iam_group", raw["Arn"], name, GLOBAL, config)


def _role(raw: Mapping[str, Any]) -> Document:
    trust = policy_document(raw.get("AssumeRolePolicyDocument")) or {"Statement": []}
    config = {
        "role_id": raw["RoleId"],
        "path": raw.get("Path", "/"),
        "create_date": iso(raw["CreateDate"]),
        "assume_role_policy": trust,
        "attached_policy_arns": [p["PolicyArn"] for p in raw.get("AttachedManagedPolicies", [])],
        "inline_policy_names": [p["PolicyName"] for p in raw.get("RolePolicyList", [])],
        "instance_profile_arns": [p["Arn"] for p in raw.get("InstanceProfileList", [])],
        "last_used_date": iso((raw.get("RoleLastUsed") or {}).get("LastUsedDate")),
    }
    return resource(
        "aws_iam_role",
        raw["Arn"],
        raw["RoleName"],
        GLOBAL,
        config,
        tags=tag_map(raw.get("Tags")),
    )


Attachments = dict[str, dict[str, list[str]]]


def _attachments(
    users: Iterable[Mapping[str, Any]],
    groups: Iterable[Mapping[str, Any]],
    roles: Iterable[Mapping[str, Any]],
) -> Attachments:
    """Policy ARN -> {"users": [...], "groups": [...], "roles": [...]} (names)."""
    out: Attachments = {}
    for kind, entities, name_key in (
        ("users", users, "UserName"),
        ("groups", groups, "GroupName"),
        ("roles", roles, "RoleName"),
    ):
        for entity in entities:
            for attached in entity.get("AttachedManagedPolicies", []):
                slot = out.setdefault(
                    attached["PolicyArn"], {"users": [], "groups": [], "roles": []}
                )
                slot[kind].append(entity[name_key])
    return out


def _policy_config(
    arn: str,
    *,
    aws_managed: bool,
    count: int,
    version: str,
    document: Any,
    attachments: Attachments,
) -> dict[str, Any]:
    attached = attachments.get(arn, {"users": [], "groups": [], "roles": []})
    return {
        "aws_managed": aws_managed,
        "attachment_count": count,
        "attached_users": sorted(attached["users"]),
        "attached_groups": sorted(attached["groups"]),
        "attached_roles": sorted(attached["roles"]),
        "default_version_id": version,
        "document": policy_document(document) or {"Statement": []},
    }


def _customer_policy(raw: Mapping[str, Any], attachments: Attachments) -> Document:
    version = raw.get("DefaultVersionId", "v1")
    document = next(
        (v.get("Document") for v in raw.get("PolicyVersionList", []) if v.get("IsDefaultVersion")),
        None,
    )
    config = _policy_config(
        raw["Arn"],
        aws_managed=False,
        count=int(raw.get("AttachmentCount", 0)),
        version=version,
        document=document,
        attachments=attachments,
    )
    # Some implementations leave PolicyName out of ManagedPolicyDetail; the ARN has it.
    name = raw.get("PolicyName") or raw["Arn"].rsplit("/", 1)[-1]
    return resource("aws_iam_policy", raw["Arn"], name, GLOBAL, config)


def _aws_policy(record: Record, attachments: Attachments) -> Document:
    raw = record.data["Policy"]
    config = _policy_config(
        raw["Arn"],
        aws_managed=True,
        count=int(raw.get("AttachmentCount", 0)),
        version=raw.get("DefaultVersionId", "v1"),
        document=record.data.get("Document"),
        attachments=attachments,
    )
    unknown = ["document"] if "GetPolicyVersion" in record.failed else []
    return resource(
        "aws_iam_policy", raw["Arn"], raw["PolicyName"], GLOBAL, config, unknown=unknown
    )


def _certificate(raw: Mapping[str, Any]) -> Document:
    config = {
        "server_certificate_id": raw["ServerCertificateId"],
        "upload_date": iso(raw["UploadDate"]),
        "expiration": iso(raw["Expiration"]),
    }
    return resource(
        "aws_iam_server_certificate", raw["Arn"], raw["ServerCertificateName"], GLOBAL, config
    )
