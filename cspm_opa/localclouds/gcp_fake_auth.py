"""The OAuth 2.0 side of the fake GCP: service-account key files and the token endpoint.

:class:`TokenIssuer` writes key files with freshly generated RSA keys (whose token_uri is
the fake), answers the JWT-bearer grant google-auth sends to that token_uri after
checking the assertion's RS256 signature, audience, expiry and scope, and remembers the
access tokens it issued so the API routes can insist on one of them.
"""

from __future__ import annotations

import base64
import json
import secrets
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = ["GOOGLE_TOKEN_AUDIENCE", "JWT_BEARER", "ApiError", "TokenIssuer"]

JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"
GOOGLE_TOKEN_AUDIENCE = "https://oauth2.googleapis.com/token"


class ApiError(Exception):
    """An error answer: HTTP status, message, extra headers (such as Retry-After)."""

    def __init__(
        self,
        status: int,
        message: str,
        headers: Mapping[str, str] | None = None,
        *,
        status_name: str | None = None,
    ):
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = dict(headers or {})
        self.status_name = status_name
        """Google's ``error.status`` when it is not the usual one for the HTTP status
        (FAILED_PRECONDITION is a 400)."""


class TokenIssuer:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._public_keys: dict[str, Any] = {}
        self._tokens: set[str] = set()

    def write_key_file(
        self, path: str | Path, *, token_uri: str, client_email: str, project_id: str
    ) -> Path:
        """A service-account key file (mode 0600) whose public key this issuer trusts."""
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric import rsa

        key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        key_id = secrets.token_hex(20)
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode()
        info = {
            "type": "service_account",
            "project_id": project_id,
            "private_key_id": key_id,
            "private_key": pem,
            "client_email": client_email,
            "client_id": str(int.from_bytes(secrets.token_bytes(8), "big")),
            "auth_uri": token_uri.rsplit("/", 1)[0] + "/auth",
            "token_uri": token_uri,
            "universe_domain": "googleapis.com",
        }
        target = Path(path)
        target.write_text(json.dumps(info, indent=2), encoding="utf-8")
        target.chmod(0o600)
        with self._lock:
            self._public_keys[key_id] = key.public_key()
        return target

    def knows(self, token: str) -> bool:
        with self._lock:
            return token in self._tokens

    def issue(self, form: Mapping[str, Sequence[str]], token_uri: str) -> dict[str, Any]:
        """Answer a token request, or raise :class:`ApiError` 400 as Google does."""
        if form.get("grant_type", [""])[0] != JWT_BEARER:
            raise ApiError(400, "unsupported_grant_type")
        claims = self._verify(form.get("assertion", [""])[0])
        # google-auth always addresses its assertion to Google's token endpoint, whatever
        # the key file's token_uri; Google's own endpoints accept that audience too.
        if claims.get("aud") not in (token_uri, GOOGLE_TOKEN_AUDIENCE):
            raise ApiError(400, f"invalid_grant: audience {claims.get('aud')!r}")
        if float(claims.get("exp", 0)) < time.time():
            raise ApiError(400, "invalid_grant: assertion expired")
        if not claims.get("scope"):
            raise ApiError(400, "invalid_scope: no scope requested")
        token = "ya29.fake-" + secrets.token_urlsafe(24)
        with self._lock:
            self._tokens.add(token)
        return {"access_token": token, "expires_in": 3600, "token_type": "Bearer"}

    def _verify(self, assertion: str) -> dict[str, Any]:
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import padding

        try:
            head_b64, body_b64, sig_b64 = assertion.split(".")
            header = json.loads(_b64decode(head_b64))
            claims: dict[str, Any] = json.loads(_b64decode(body_b64))
        except ValueError as exc:
            raise ApiError(400, "invalid_grant: malformed assertion") from exc
        with self._lock:
            public_key = self._public_keys.get(header.get("kid", ""))
        if header.get("alg") != "RS256" or public_key is None:
            raise ApiError(400, "invalid_grant: unknown signing key")
        try:
            public_key.verify(
                _b64decode(sig_b64),
                f"{head_b64}.{body_b64}".encode(),
                padding.PKCS1v15(),
                hashes.SHA256(),
            )
        except InvalidSignature as exc:
            raise ApiError(400, "invalid_grant: bad signature") from exc
        return claims


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
