"""IAM (global): authorization details, attached AWS managed policies, the credential
report, account password policy and summary, root virtual MFA, server certificates."""

from __future__ import annotations

import time
from collections.abc import Collection
from typing import Any

from cspm_opa.collect.aws.api import Api, CallFailed
from cspm_opa.collect.aws.runner import Outcome, Unit
from cspm_opa.collect.aws.units import failed_record, listing_failed, listing_unit, try_call
from cspm_opa.normalize.aws import Record

__all__ = ["REPORT_WAIT_SECONDS", "iam_units"]

GLOBAL = "global"
IDENTITY_TYPES = ("aws_iam_user", "aws_iam_group", "aws_iam_role", "aws_iam_policy")
AUTH_KEYS = ("UserDetailList", "GroupDetailList", "RoleDetailList", "Policies")
REPORT_WAIT_SECONDS = 60.0


def iam_units(home: str, only: Collection[str] | None = None) -> list[Unit]:
    """Every IAM unit (or those of the record kinds in ``only``); IAM is global, its
    calls go to the ``home`` region's endpoint."""
    units = [
        Unit("iam", GLOBAL, IDENTITY_TYPES, lambda api: _authorization(api, home)),
        Unit("iam", GLOBAL, ("aws_iam_policy",), lambda api: _aws_policies(api, home)),
        Unit("iam", GLOBAL, (), lambda api: _credential_report(api, home)),
        Unit("iam", GLOBAL, (), lambda api: _account(api, home)),
        listing_unit(
            "iam",
            GLOBAL,
            "list_server_certificates",
            "ServerCertificateMetadataList",
            kind="iam.server_certificates",
            resource_types=("aws_iam_server_certificate",),
            client_region=home,
        ),
    ]
    kinds = ("iam.authorization", "iam.aws_policy", "iam.credential_report", "iam.account",
             "iam.server_certificates")  # fmt: skip
    return [u for k, u in zip(kinds, units, strict=True) if only is None or k in only]


def _authorization(api: Api, home: str) -> Outcome:
    try:
        # Customer managed policies only: AWS managed ones come from list_policies
        # (OnlyAttached), which does not return the hundreds nobody uses.
        data = api.pages_of(
            "iam",
            home,
            "get_account_authorization_details",
            AUTH_KEYS,
            Filter=["User", "Role", "Group", "LocalManagedPolicy"],
        )
    except CallFailed as exc:
        return listing_failed("iam", GLOBAL, exc, IDENTITY_TYPES)
    return Outcome(records=[Record("iam.authorization", GLOBAL, dict(data))])


def _aws_policies(api: Api, home: str) -> Outcome:
    try:
        policies = api.pages(
            "iam", home, "list_policies", "Policies", Scope="AWS", OnlyAttached=True
        )
    except CallFailed as exc:
        return listing_failed("iam", GLOBAL, exc, ("aws_iam_policy",))
    return Outcome(followups=[_policy_unit(p, home) for p in policies])


def _policy_unit(policy: dict[str, Any], home: str) -> Unit:
    def run(api: Api) -> Outcome:
        failed: dict[str, str] = {}
        version = try_call(
            api,
            failed,
            "iam",
            home,
            "get_policy_version",
            PolicyArn=policy["Arn"],
            VersionId=policy.get("DefaultVersionId", "v1"),
        )
        data: dict[str, Any] = {"Policy": policy}
        if version is not None:
            data["Document"] = version.get("PolicyVersion", {}).get("Document")
        return Outcome(records=[Record("iam.aws_policy", GLOBAL, data, failed)])

    return Unit("iam", GLOBAL, ("aws_iam_policy",), run)


def _credential_report(api: Api, home: str) -> Outcome:
    """Generate the report (if none is fresh) and read it.

    GenerateCredentialReport is the one call here that is not a Get/List/Describe: it
    asks IAM to build (or reuse, for four hours) the report; it changes no configuration.
    """
    deadline = time.monotonic() + REPORT_WAIT_SECONDS
    delay = 0.2
    try:
        while True:
            state = api.call("iam", home, "generate_credential_report") or {}
            if state.get("State") == "COMPLETE":
                break
            if time.monotonic() > deadline:
                raise CallFailed("GenerateCredentialReport", "error", "report not ready in time")
            time.sleep(delay)
            delay = min(delay * 2, 2.0)
        report = api.call("iam", home, "get_credential_report") or {}
    except CallFailed as exc:
        return Outcome(records=[failed_record("iam.credential_report", GLOBAL, exc)])
    content = report.get("Content", b"")
    text = content.decode("utf-8") if isinstance(content, bytes) else str(content)
    return Outcome(records=[Record("iam.credential_report", GLOBAL, {"Content": text})])


def _account(api: Api, home: str) -> Outcome:
    failed: dict[str, str] = {}
    data: dict[str, Any] = {}
    policy = try_call(
        api, failed, "iam", home, "get_account_password_policy", absent=("NoSuchEntity",)
    )
    data["PasswordPolicy"] = (policy or {}).get("PasswordPolicy")
    summary = try_call(api, failed, "iam", home, "get_account_summary")
    data["SummaryMap"] = (summary or {}).get("SummaryMap", {})
    try:
        data["VirtualMFADevices"] = api.pages(
            "iam",
            home,
            "list_virtual_mfa_devices",
            "VirtualMFADevices",
            AssignmentStatus="Assigned",
        )
    except CallFailed as exc:
        failed[exc.operation] = f"{exc.status}: {exc.detail}"
    return Outcome(records=[Record("iam.account", GLOBAL, data, failed)])
