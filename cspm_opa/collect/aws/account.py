"""Account-wide settings outside IAM: the organization, the security contact, and S3
Block Public Access at account level."""

from __future__ import annotations

from collections.abc import Collection

from cspm_opa.collect.aws.api import Api, CallFailed
from cspm_opa.collect.aws.runner import Outcome, Unit
from cspm_opa.collect.aws.units import call_unit, failed_record
from cspm_opa.normalize.aws import Record

__all__ = ["account_units"]

GLOBAL = "global"


def account_units(home: str, account_id: str, only: Collection[str] | None = None) -> list[Unit]:
    """Every unit, or those of the record kinds in ``only`` (a change event's needs)."""
    units = [
        call_unit(
            "organizations",
            GLOBAL,
            "describe_organization",
            "organizations.organization",
            absent=("AWSOrganizationsNotInUseException",),
            client_region=home,
        ),
        Unit("account", GLOBAL, (), lambda api: _security_contact(api, home)),
        call_unit(
            "s3control",
            GLOBAL,
            "get_public_access_block",
            "s3.account_public_access_block",
            absent=("NoSuchPublicAccessBlockConfiguration",),
            client_region=home,
            AccountId=account_id,
        ),
    ]
    kinds = ("organizations.organization", "account.security_contact",
             "s3.account_public_access_block")  # fmt: skip
    return [u for k, u in zip(kinds, units, strict=True) if only is None or k in only]


def _security_contact(api: Api, home: str) -> Outcome:
    """Whether a SECURITY alternate contact exists; the contact's details are dropped."""
    try:
        found = api.call(
            "account",
            home,
            "get_alternate_contact",
            absent=("ResourceNotFoundException",),
            AlternateContactType="SECURITY",
        )
    except CallFailed as exc:
        return Outcome(records=[failed_record("account.security_contact", GLOBAL, exc)])
    registered = bool(found and found.get("AlternateContact"))
    return Outcome(records=[Record("account.security_contact", GLOBAL, {"Registered": registered})])
