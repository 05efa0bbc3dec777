"""Targeted collection for change events: only the resources a change touched, and the
account or region settings their checks read.

A :class:`Want` names what to read: one bucket by name (read without listing the
account's buckets), some fields of ``aws_account`` or ``aws_region_settings`` (only the
calls that feed those fields), or a resource type in a region (the units of the services
that list it there; the caller keeps the one resource it wants from the snapshot).
Settings fields that were not read stay named in those documents' ``unknown``, as in any
snapshot where a call did not happen.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cspm_opa.collect import CollectRequest
from cspm_opa.collect.aws import CollectStats, Plan, collect_account, units_for
from cspm_opa.collect.aws.account import account_units
from cspm_opa.collect.aws.iam import iam_units
from cspm_opa.collect.aws.regional import regional_units
from cspm_opa.collect.aws.runner import Unit
from cspm_opa.collect.aws.s3 import bucket_unit
from cspm_opa.collect.aws.session import Target
from cspm_opa.collect.aws.units import call_unit

__all__ = ["ACCOUNT_FIELDS", "REGION_FIELDS", "Want", "collect_wanted", "plan_for"]

GLOBAL = "global"

ACCOUNT_FIELDS: dict[str, str] = {
    "password_policy": "iam.account",
    "root_user": "iam.account",
    "root_virtual_mfa": "iam.account",
    "root_activity": "iam.credential_report",
    "s3_public_access_block": "s3.account_public_access_block",
    "organization": "organizations.organization",
    "security_contact_registered": "account.security_contact",
}
"""``aws_account`` config field -> the record kind that feeds it (normalize/aws/account.py)."""

REGION_FIELDS: dict[str, str] = {
    "ebs_encryption_by_default": "ec2.ebs_encryption_by_default",
    "access_analyzers": "accessanalyzer.analyzers",
    "security_hub_enabled": "securityhub.hub",
    "config_recorders": "config.recorders",
    "guardduty_detectors": "guardduty.detectors",
}
"""``aws_region_settings`` config field -> the record kind that feeds it."""


@dataclass(frozen=True)
class Want:
    """Something to read. ``name``: one resource as its API names it (a bucket); None:
    the type's listing. ``region`` None: every region collected (or global).
    ``fields``: for the settings types, the config fields wanted (empty: all)."""

    type: str
    region: str | None = None
    name: str | None = None
    fields: frozenset[str] = frozenset()


def plan_for(wants: Sequence[Want]) -> Plan:
    """The :data:`Plan` that reads ``wants`` and nothing else."""

    def plan(account_id: str, home: str, regions: list[str]) -> list[Unit]:
        units: list[Unit] = []
        buckets: set[str] = set()
        account: set[str] = set()
        by_region: dict[str, set[str]] = {}
        listed: set[int] = set()
        everything: list[Unit] | None = None
        for want in wants:
            in_regions = [want.region] if want.region else regions
            if want.type == "aws_s3_bucket" and want.name:
                if want.name not in buckets:
                    buckets.add(want.name)
                    units.append(bucket_unit(want.name, home))
            elif want.type == "aws_account":
                account |= _kinds(want.fields, ACCOUNT_FIELDS)
            elif want.type == "aws_region_settings":
                for region in in_regions:
                    by_region.setdefault(region, set()).update(_kinds(want.fields, REGION_FIELDS))
            else:
                everything = everything or units_for(account_id, home, regions)
                services = {u.service for u in everything if want.type in u.resource_types}
                for i, unit in enumerate(everything):
                    wanted = unit.service in services and unit.region in (GLOBAL, *in_regions)
                    if wanted and i not in listed:
                        listed.add(i)
                        units.append(unit)
        if account:
            units += [
                *iam_units(home, only=account),
                *account_units(home, account_id, only=account),
            ]
        for region, kinds in sorted(by_region.items()):
            units += _region_units(region, kinds)
        return units

    return plan


def _kinds(fields: frozenset[str], sources: dict[str, str]) -> set[str]:
    return {sources[f] for f in fields or sources if f in sources}


def _region_units(region: str, kinds: set[str]) -> list[Unit]:
    units = regional_units(region, only=kinds)
    if "ec2.ebs_encryption_by_default" in kinds:
        units.append(
            call_unit(
                "ec2", region, "get_ebs_encryption_by_default", "ec2.ebs_encryption_by_default"
            )
        )
    return units


def collect_wanted(
    target: Target, request: CollectRequest, wants: Sequence[Want]
) -> tuple[dict[str, Any], CollectStats]:
    """One account's snapshot document holding what ``wants`` names (and, for listed
    types, the rest of their listings), and how the run went."""
    return collect_account(target, request, plan=plan_for(wants))
