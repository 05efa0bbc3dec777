"""The names a YAML check may use for resource types, frameworks and controls, resolved to
the ones our schemas and catalogs use, with the nearest real name when there is none.

- Resource types: ours are the Terraform names (schemas/resources/); the names people also
  try (``aws_ec2_instance``, Terraform's older or OS-specific names) are aliases.
- Frameworks: a key without a version (``PCI_DSS``, ``CIS_AWS``) is the version we ship.
- Controls: an id the catalog lacks is an error naming the nearest one. PCI DSS v3.2.1
  numbers that v4.0 renumbered (3.4, rendering PAN unreadable, is 3.5.1) are looked up in
  a table of the well-known moves first, then by number.
"""

from __future__ import annotations

import difflib
import re

from cspm_opa.compliance.catalogs import framework, framework_keys
from cspm_opa.schemas import default_store

__all__ = [
    "FRAMEWORK_ALIASES",
    "RESOURCE_TYPE_ALIASES",
    "control_problem",
    "framework_key",
    "known_frameworks",
    "resource_type",
]

RESOURCE_TYPE_ALIASES: dict[str, str] = {
    "aws_ec2_instance": "aws_instance",
    "aws_ec2_security_group": "aws_security_group",
    "aws_ec2_vpc": "aws_vpc",
    "aws_ec2_subnet": "aws_subnet",
    "aws_ec2_network_acl": "aws_network_acl",
    "aws_ec2_route_table": "aws_route_table",
    "aws_ec2_internet_gateway": "aws_internet_gateway",
    "aws_ebs": "aws_ebs_volume",
    "aws_ec2_ebs_volume": "aws_ebs_volume",
    "aws_s3": "aws_s3_bucket",
    "aws_rds_instance": "aws_db_instance",
    "aws_rds_db_instance": "aws_db_instance",
    "aws_rds_snapshot": "aws_db_snapshot",
    "aws_alb": "aws_lb",
    "aws_elbv2_load_balancer": "aws_lb",
    "aws_cloudtrail": "aws_cloudtrail_trail",
    "aws_kms": "aws_kms_key",
    "aws_lambda": "aws_lambda_function",
    "aws_sns": "aws_sns_topic",
    "aws_efs": "aws_efs_file_system",
    "aws_iam_account_password_policy": "aws_account",
    "azurerm_linux_virtual_machine": "azurerm_virtual_machine",
    "azurerm_windows_virtual_machine": "azurerm_virtual_machine",
    "azurerm_linux_web_app": "azurerm_app_service",
    "azurerm_windows_web_app": "azurerm_app_service",
    "azurerm_sql_server": "azurerm_mssql_server",
    "azurerm_sql_database": "azurerm_mssql_database",
    "azurerm_storage": "azurerm_storage_account",
    "azurerm_nsg": "azurerm_network_security_group",
    "azurerm_disk": "azurerm_managed_disk",
    "google_compute_vm": "google_compute_instance",
    "google_compute_vpc": "google_compute_network",
    "google_gcs_bucket": "google_storage_bucket",
    "google_sql_instance": "google_sql_database_instance",
    "google_kms_key": "google_kms_crypto_key",
    "google_iam_service_account": "google_service_account",
}
"""Names users try -> our type. A name that is itself a type with a schema wins."""

FRAMEWORK_ALIASES: dict[str, str] = {
    "CIS_AWS": "CIS_AWS_v5.0",
    "CIS_AZURE": "CIS_Azure_v4.0",
    "CIS_Azure": "CIS_Azure_v4.0",
    "CIS_AZURE_v4.0": "CIS_Azure_v4.0",
    "CIS_GCP": "CIS_GCP_v4.0",
    "PCI_DSS": "PCI_DSS_v4.0",
    "PCI_DSS_v4": "PCI_DSS_v4.0",
    "PCI_DSS_v4.0.1": "PCI_DSS_v4.0",
    "SOC_2": "SOC2",
    "NIST_800_53": "NIST_800_53_r5",
    "ISO_27001": "ISO_27001_2022",
}
"""Keys without a version (or spelt differently) -> the catalog we ship. Keep in step with
the framework enum of schemas/custom_check.json (a test holds them together)."""

_PREFIXES = {"aws": ("aws_",), "azure": ("azurerm_", "azuread_"), "gcp": ("google_",)}

# PCI DSS v3.2.1 -> v4.0 for the requirements that moved (the v4.0 summary of changes).
_PCI_V3_TO_V4 = {
    "2.1": "2.2.2", "2.2": "2.2.1", "3.1": "3.2.1", "3.2": "3.3.1", "3.2.1": "3.3.1.1",
    "3.2.2": "3.3.1.2", "3.2.3": "3.3.1.3", "3.3": "3.4.1", "3.4": "3.5.1", "3.4.1": "3.5.1.3",
    "3.5": "3.6.1", "3.5.2": "3.6.1.3", "3.5.3": "3.6.1.2", "3.5.4": "3.6.1.4", "3.6": "3.7.1",
    "3.6.1": "3.7.1", "3.6.2": "3.7.2", "3.6.3": "3.7.3", "3.6.4": "3.7.4", "3.6.5": "3.7.5",
    "3.6.6": "3.7.6", "3.6.7": "3.7.7", "4.1": "4.2.1", "6.6": "6.4.1", "7.1": "7.2.1",
    "7.1.2": "7.2.2", "8.1.4": "8.2.6", "8.2.3": "8.3.6", "8.2.4": "8.3.9", "8.2.5": "8.3.7",
    "8.3.1": "8.4.1", "10.1": "10.2.1", "10.4": "10.6.1", "10.6": "10.4.1", "10.7": "10.5.1",
    "10.8": "10.7.2", "11.2": "11.3.1", "11.5": "11.5.2", "12.10": "12.10.1",
}  # fmt: skip


def resource_type(provider: str, name: str) -> tuple[str | None, str | None]:
    """(our type, None) or (None, why not: the nearest types)."""
    store = default_store()
    resolved = name if store.has_resource_type(name) else RESOURCE_TYPE_ALIASES.get(name)
    if resolved is None:
        ours = [t for t in store.resource_types() if t.startswith(_PREFIXES[provider])]
        near = difflib.get_close_matches(name, ours, n=3, cutoff=0.5)
        hint = f"; did you mean {' or '.join(near)}?" if near else ""
        return None, f"{name!r} is not a resource type with a schema (schemas/resources/){hint}"
    if not resolved.startswith(_PREFIXES[provider]):
        return None, f"{name!r} is not a {provider} resource type"
    return resolved, None


def framework_key(key: str) -> str:
    """Our catalog key for ``key`` (the schema has already limited keys to known ones)."""
    return FRAMEWORK_ALIASES.get(key, key)


def control_problem(key: str, control: str) -> str | None:
    """None when framework ``key`` has ``control``; else why not, naming the nearest."""
    fw = framework(key)
    if fw.control(control) is not None:
        return None
    ids = [c.id for c in fw.controls]
    moved = _PCI_V3_TO_V4.get(control) if key == "PCI_DSS_v4.0" else None
    why = ""
    if moved is not None:
        why = f" (v3.2.1's {control} is {moved} in v4.0)"
        near = [moved] if moved in ids else _nearest(moved, ids)
    else:
        near = _nearest(control, ids)
    hint = f"; nearest: {', '.join(near)}{why}" if near else ""
    return f"control {control!r} is not in the {fw.label} catalog{hint}"


_ID = re.compile(r"^([A-Za-z]*)(\d+(?:\.\d+)*)$")


def _nearest(control: str, ids: list[str]) -> list[str]:
    """The ids closest by number: same letter prefix, longest shared leading numbers, then
    the smallest gap at the first number that differs."""
    match = _ID.match(control)
    if match is None:
        return difflib.get_close_matches(control, ids, n=2, cutoff=0.3)
    prefix, numbers = match.group(1), [int(n) for n in match.group(2).split(".")]
    scored = []
    for cid in ids:
        other = _ID.match(cid)
        if other is None or other.group(1) != prefix:
            continue
        nums = [int(n) for n in other.group(2).split(".")]
        shared = next(
            (i for i, (a, b) in enumerate(zip(numbers, nums, strict=False)) if a != b), None
        )
        common = min(len(numbers), len(nums)) if shared is None else shared
        gap = 0 if shared is None else abs(numbers[shared] - nums[shared])
        scored.append((-common, gap, abs(len(nums) - len(numbers)), nums, cid))
    scored.sort()
    return [s[-1] for s in scored[:1]] + [s[-1] for s in scored[1:2] if s[:3] == scored[0][:3]]


def known_frameworks() -> list[str]:
    """Every key a YAML check may use: ours and the aliases."""
    return sorted({*framework_keys(), *FRAMEWORK_ALIASES})
