"""Sessions: the current credentials, a named profile, or an assumed role.

boto3 is left to read its own environment and config files (AWS_PROFILE,
AWS_DEFAULT_REGION, AWS_ENDPOINT_URL, AWS_MAX_ATTEMPTS, ~/.aws/config, ...), exactly as
it would for any boto3 program. An assumed role's credentials are botocore's
DeferredRefreshableCredentials: fetched on first use and fetched again before they
expire, so a scan longer than the role's session duration keeps working.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3  # type: ignore[import-untyped]
import botocore.session  # type: ignore[import-untyped]
from botocore.credentials import (  # type: ignore[import-untyped]
    AssumeRoleCredentialFetcher,
    CredentialProvider,
    DeferredRefreshableCredentials,
)
from botocore.exceptions import BotoCoreError, ProfileNotFound  # type: ignore[import-untyped]

from cspm_opa.collect import CollectRequest
from cspm_opa.collect.aws.accounts import ROLE_ARN, load_accounts
from cspm_opa.errors import CollectionError, ConfigError

__all__ = ["DEFAULT_REGION", "SESSION_NAME", "Target", "assumed_session", "targets_for"]

DEFAULT_REGION = "us-east-1"
SESSION_NAME = "cspm-opa"


@dataclass(frozen=True)
class Target:
    """One account to collect: how to reach it and what to call it."""

    session: Any
    via: str
    """How it is reached, for messages: "default credentials", "profile prod", a role ARN."""
    account_id: str | None = None
    """The account id when known in advance (from a role ARN or the accounts file)."""
    name: str | None = None
    labels: dict[str, str] = field(default_factory=dict)
    regions: tuple[str, ...] | None = None
    where: str | None = None
    """The accounts-file line the target came from, for errors."""
    entry: str | None = None
    """The accounts-file entry as ``<file name>:<line>``: a blind snapshot's account id
    when the entry names no account id."""
    failure: str | None = None
    """Why no session could be made for it (its profile is missing or yields no
    credentials): the account is then reported unreadable, and the others are scanned."""


class _AssumedRoleProvider(CredentialProvider):  # type: ignore[misc]
    """Puts the assumed role's refreshable credentials first in botocore's chain."""

    METHOD = "cspm-assume-role"
    CANONICAL_NAME = "cspm-assume-role"

    def __init__(self, credentials: Any):
        super().__init__()
        self._credentials = credentials

    def load(self) -> Any:
        return self._credentials


_LOADER_LOCK = threading.Lock()
_LOADER: list[Any] = []


def _session(profile: str | None = None, region: str | None = None, credentials: Any = None) -> Any:
    """A boto3 session whose botocore data loader (service models, endpoint rules) is
    shared by every session this process makes: one account after another, the models
    are parsed once, not once per account."""
    core = botocore.session.Session(profile=profile)
    if credentials is not None:
        resolver = core.get_component("credential_provider")
        resolver.insert_before(resolver.providers[0].METHOD, _AssumedRoleProvider(credentials))
    with _LOADER_LOCK:
        if not _LOADER:
            _LOADER.append(core.get_component("data_loader"))
        loader = _LOADER[0]
        core.register_component("data_loader", loader)
        session = boto3.Session(botocore_session=core, region_name=region)
        # boto3 adds its own data path to the loader on every new session; keep one.
        loader.search_paths[:] = list(dict.fromkeys(loader.search_paths))
    return session


def base_session(profile: str | None) -> Any:
    """boto3's own session: the named profile, or its default credential chain."""
    try:
        session = _session(profile)
        session.get_credentials()  # resolves the profile: a missing one fails here
    except ProfileNotFound as exc:
        raise ConfigError(f"AWS profile {profile!r} not found in the AWS config files") from exc
    except BotoCoreError as exc:  # a credential_process that fails, a broken SSO cache, ...
        named = f"AWS profile {profile!r}" if profile else "the default AWS credentials"
        raise CollectionError(f"{named}: no credentials: {exc}") from exc
    return session


def assumed_session(base: Any, role_arn: str, external_id: str | None) -> Any:
    """A session acting as ``role_arn``, its credentials refreshed before they expire."""
    source = base.get_credentials()
    if source is None:
        raise CollectionError(f"no AWS credentials found to assume {role_arn} with")
    extra: dict[str, str] = {"RoleSessionName": SESSION_NAME}
    if external_id:
        extra["ExternalId"] = external_id
    fetcher = AssumeRoleCredentialFetcher(
        client_creator=base.client,
        source_credentials=source,
        role_arn=role_arn,
        extra_args=extra,
    )
    credentials = DeferredRefreshableCredentials(
        method="assume-role", refresh_using=fetcher.fetch_credentials
    )
    return _session(base.profile_name if _named(base) else None, base.region_name, credentials)


def _named(session: Any) -> bool:
    return bool(session.profile_name) and session.profile_name in session.available_profiles


def _check_role(role_arn: str) -> None:
    if not ROLE_ARN.match(role_arn):
        raise ConfigError(f"--role-arn {role_arn!r} is not an IAM role ARN")


def targets_for(request: CollectRequest) -> list[Target]:
    """The accounts ``request`` asks for, each with a session ready to use."""
    if request.external_id and not request.role_arn and not request.accounts_file:
        raise ConfigError("--external-id is only used with --role-arn")
    if request.accounts_file is not None:
        if request.role_arn:
            raise ConfigError("use either --role-arn or --accounts, not both")
        return _from_file(request.accounts_file, request.profile)
    base = base_session(request.profile)
    if request.role_arn:
        _check_role(request.role_arn)
        session = assumed_session(base, request.role_arn, request.external_id)
        match = ROLE_ARN.match(request.role_arn)
        account = match.group(2) if match else None
        return [Target(session, f"role {request.role_arn}", account_id=account)]
    via = f"profile {request.profile}" if request.profile else "the default credentials"
    return [Target(base, via)]


def _from_file(path: Path, profile: str | None) -> list[Target]:
    """One target per entry. An entry whose profile is missing or gives no credentials is
    a target with a ``failure``, not an error: the other accounts are still scanned."""
    targets = []
    for spec in load_accounts(path):
        where = f"{path}:{spec.line}"
        via = spec.role_arn or f"profile {spec.profile or profile or '(default)'}"
        session, failure = None, None
        try:
            base = base_session(spec.profile or profile)
            session = (
                assumed_session(base, spec.role_arn, spec.external_id) if spec.role_arn else base
            )
        except (ConfigError, CollectionError) as exc:
            failure = f"{where}: {exc}"
        targets.append(
            Target(
                session,
                via,
                account_id=spec.account_id,
                name=spec.name,
                labels=spec.labels,
                regions=spec.regions,
                where=where,
                entry=f"{path.name}:{spec.line}",
                failure=failure,
            )
        )
    return targets
