"""How remediation reaches each cloud, with the collectors' own session code: AWS
sessions from :func:`cspm_opa.collect.aws.session.targets_for` (profile, role, external
id, accounts file), Azure from :class:`cspm_opa.collect.azure._session.AzureSession`
(endpoint, audience, credential), GCP from the collector's credentials with a google-auth
``AuthorizedSession`` against the same endpoint option.

Connections are made on first use, one per provider (per account for AWS), and each
knows who it acts as, for the audit log. Remediation only writes through these; the
collectors stay read-only.
"""

from __future__ import annotations

import base64
import json
import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cspm_opa.collect import CollectRequest
from cspm_opa.errors import CspmError

__all__ = ["AwsConn", "AzureConn", "Clouds", "GcpConn", "Unreachable"]


class Unreachable(Exception):
    """No connection to the account an action needs; the message says why."""


@dataclass
class AwsConn:
    """One AWS account's session and the identity it acts as."""

    session: Any
    account_id: str
    who: str
    """The caller's ARN, as sts:GetCallerIdentity reports it."""

    def client(self, service: str, region: str) -> Any:
        return self.session.client(service, region_name=region)


@dataclass
class AzureConn:
    session: Any
    """A :class:`cspm_opa.collect.azure._session.AzureSession`."""
    who: str

    def storage(self, subscription_id: str) -> Any:
        from azure.mgmt.storage import StorageManagementClient

        return self.session.client(StorageManagementClient, subscription_id)


@dataclass
class GcpConn:
    http: Any
    """A google-auth ``AuthorizedSession`` (requests)."""
    endpoint: str | None
    who: str

    def url(self, service: str, path: str) -> str:
        """``path`` on ``service``'s endpoint: the --gcp-endpoint template (``{service}``
        replaced, as the collector does), else ``https://<service>.googleapis.com``."""
        from cspm_opa.collect.gcp._clients import endpoint_for

        base = endpoint_for(self.endpoint, service) or f"https://{service}.googleapis.com"
        if "//" not in base:
            base = f"https://{base}"
        return base.rstrip("/") + path

    def call(self, method: str, url: str, body: Mapping[str, Any] | None = None) -> Any:
        response = self.http.request(method, url, json=body, timeout=60)
        if response.status_code >= 400:
            raise GcpApiError(method, url, response.status_code, response.text)
        return response.json() if response.content else {}


class GcpApiError(Exception):
    def __init__(self, method: str, url: str, status: int, body: str):
        try:
            message = json.loads(body)["error"]["message"]
        except (ValueError, KeyError, TypeError):
            message = body.strip()[:200]
        super().__init__(f"{method} {url}: HTTP {status}: {message}")
        self.status = status


class Clouds:
    """Lazy connections for the providers a plan touches.

    ``requests`` maps a provider to the :class:`CollectRequest` its connection is made
    from (the scan options); a provider without one uses its default credentials.
    """

    def __init__(self, requests: Mapping[str, CollectRequest] | None = None) -> None:
        self.requests = dict(requests or {})
        self._lock = threading.Lock()
        self._aws: dict[str, AwsConn] | None = None
        self._aws_failure: str | None = None
        self._other: dict[str, Any] = {}

    def request(self, provider: str) -> CollectRequest:
        return self.requests.get(provider) or CollectRequest(provider=provider)

    def connect(self, provider: str, account: str) -> Any:
        """The connection for ``account``; :class:`Unreachable` if there is none."""
        with self._lock:
            if provider == "aws":
                return self._aws_for(account)
            if provider not in self._other:
                try:
                    self._other[provider] = self._azure() if provider == "azure" else self._gcp()
                except (CspmError, ImportError, OSError, ValueError) as exc:
                    self._other[provider] = Unreachable(f"cannot connect to {provider}: {exc}")
            found = self._other[provider]
        if isinstance(found, Unreachable):
            raise found
        return found

    # --- AWS --------------------------------------------------------------------------

    def _aws_for(self, account: str) -> AwsConn:
        if self._aws is None:
            self._aws = {}
            try:
                self._aws_connect()
            except (CspmError, ImportError) as exc:
                self._aws_failure = str(exc)
        conn = self._aws.get(account)
        if conn is not None:
            return conn
        if self._aws_failure:
            raise Unreachable(f"no AWS session for account {account}: {self._aws_failure}")
        reached = ", ".join(sorted(self._aws)) or "none"
        raise Unreachable(
            f"the AWS credentials do not reach account {account} (they reach: {reached}); "
            "give --profile, --role-arn or --accounts for it"
        )

    def _aws_connect(self) -> None:
        from botocore.exceptions import BotoCoreError, ClientError  # type: ignore[import-untyped]

        from cspm_opa.collect.aws.session import targets_for

        failures = []
        for target in targets_for(self.request("aws")):
            if target.session is None:
                failures.append(target.failure or target.via)
                continue
            try:
                me = target.session.client("sts").get_caller_identity()
            except (BotoCoreError, ClientError) as exc:
                failures.append(f"{target.via}: {exc}")
                continue
            account = str(me["Account"])
            self._aws.setdefault(account, AwsConn(target.session, account, str(me["Arn"])))  # type: ignore[union-attr]
        if failures and not self._aws:
            self._aws_failure = "; ".join(failures)

    # --- Azure ------------------------------------------------------------------------

    def _azure(self) -> AzureConn:
        from cspm_opa.collect.azure._session import AzureSession

        session = AzureSession.from_request(self.request("azure"))
        return AzureConn(session, _azure_principal(session))

    # --- GCP --------------------------------------------------------------------------

    def _gcp(self) -> GcpConn:
        from google.auth.transport.requests import AuthorizedSession

        from cspm_opa.collect.gcp._clients import load_credentials

        request = self.request("gcp")
        credentials = load_credentials(request.credential)
        who = (
            getattr(credentials, "service_account_email", None)
            or getattr(credentials, "signer_email", None)
            or getattr(credentials, "account", None)
            or "application default credentials"
        )
        http = AuthorizedSession(credentials)  # type: ignore[no-untyped-call]
        return GcpConn(http, request.endpoint, str(who))


def _azure_principal(session: Any) -> str:
    """Who the Azure credential acts as: the token's user or application (upn, appid,
    oid claims), else the credential's client id."""
    try:
        token = session.credential.get_token(session.scope).token
        payload = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except Exception:  # an opaque token, or no token yet: fall back to the client id
        claims = {}
    for claim in ("upn", "unique_name", "appid", "azp", "oid"):
        if claims.get(claim):
            return f"{claim}:{claims[claim]}"
    client = getattr(session.credential, "_client_id", None) or os.environ.get("AZURE_CLIENT_ID")
    return f"client:{client}" if client else "unknown principal"
