"""Which action module fixes which check."""

from __future__ import annotations

from types import ModuleType

from cspm_opa.remediate import (
    aws_ebs_default,
    aws_kms_rotation,
    aws_s3_account,
    aws_s3_bucket,
    aws_sg_admin,
    aws_trail_validation,
    azure_storage,
    gcp_bucket_pap,
    gcp_firewall,
)

__all__ = ["MODULES", "REMEDIABLE", "module_for"]

MODULES: tuple[ModuleType, ...] = (
    aws_s3_account,
    aws_s3_bucket,
    aws_ebs_default,
    aws_sg_admin,
    aws_trail_validation,
    aws_kms_rotation,
    azure_storage,
    gcp_bucket_pap,
    gcp_firewall,
)

_BY_POLICY: dict[str, ModuleType] = {pid: m for m in MODULES for pid in m.POLICIES}

REMEDIABLE: tuple[str, ...] = tuple(sorted(_BY_POLICY))
"""The check ids remediation can fix."""


def module_for(policy_id: str) -> ModuleType | None:
    return _BY_POLICY.get(policy_id)
