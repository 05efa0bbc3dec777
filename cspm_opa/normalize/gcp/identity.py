"""Identity and keys: service accounts (with their keys), Cloud KMS keys, API keys.

Only metadata is kept. Asset Inventory does not carry private key material or API key
strings, and if a payload ever did, the field-by-field copy below would leave it out.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from cspm_opa.normalize.gcp._common import (
    Asset,
    Document,
    data_of,
    document,
    duration_seconds,
    last_segment,
    strings,
)

__all__ = [
    "account_handles",
    "api_key",
    "crypto_key",
    "key_owner",
    "service_account",
    "service_account_key",
]

_RESTRICTIONS = {
    "browserKeyRestrictions": "browser",
    "serverKeyRestrictions": "server",
    "androidKeyRestrictions": "android",
    "iosKeyRestrictions": "ios",
}


def service_account(asset: Asset) -> Document:
    """A service account; ``keys`` starts empty and is filled by :func:`service_account_key`
    entries whose name (:func:`key_owner`) is this account's unique id or email."""
    data = data_of(asset)
    email = str(data.get("email", ""))
    config = {
        "email": email,
        "unique_id": str(data.get("uniqueId", last_segment(asset["name"]))),
        "display_name": str(data.get("displayName", "")),
        "disabled": bool(data.get("disabled", False)),
        "keys": [],
    }
    return document(asset, "google_service_account", config, name=email, region="global")


def service_account_key(asset: Asset) -> dict[str, Any]:
    """One key's metadata, as an entry of its account's ``keys``."""
    data = data_of(asset)
    return {
        "key_id": last_segment(str(data.get("name") or asset["name"])),
        "key_type": str(data.get("keyType", "USER_MANAGED")),
        "key_origin": str(data.get("keyOrigin", "GOOGLE_PROVIDED")),
        "valid_after": data.get("validAfterTime"),
        "valid_before": data.get("validBeforeTime"),
        "disabled": bool(data.get("disabled", False)),
    }


_KEY_OWNER = re.compile(r"/serviceAccounts/([^/]+)/keys/[^/]+$")
_ACCOUNT = re.compile(r"/serviceAccounts/([^/]+)$")


def key_owner(asset: Asset) -> str | None:
    """Who a key belongs to, as its own name says: the unique id or the email in
    ``//iam.googleapis.com/projects/<p>/serviceAccounts/<id or email>/keys/<key>``.

    The key's name is read first because it is the key's identity; the asset's
    ``resource.parent`` only when the name does not have that form. None when neither
    names a service account.
    """
    for text, pattern in (
        (str(asset.get("name") or ""), _KEY_OWNER),
        (str(data_of(asset).get("name") or ""), _KEY_OWNER),
        (str((asset.get("resource") or {}).get("parent") or ""), _ACCOUNT),
    ):
        found = pattern.search(text)
        if found:
            return found.group(1)
    return None


def account_handles(doc: Document) -> list[str]:
    """The names a key may use for the service account ``doc``: its unique id and its
    email (lower-cased: email addresses compare without case)."""
    config = doc["config"]
    return [h for h in (str(config["unique_id"]), str(config["email"]).lower()) if h]


def crypto_key(asset: Asset) -> Document:
    data = data_of(asset)
    name = str(data.get("name") or asset["name"])
    primary: Mapping[str, Any] = data.get("primary") or {}
    template: Mapping[str, Any] = data.get("versionTemplate") or {}
    config: dict[str, Any] = {
        "purpose": str(data.get("purpose", "ENCRYPT_DECRYPT")),
        "key_ring": name.split("/cryptoKeys/", 1)[0].rsplit("/keyRings/", 1)[-1],
        "rotation_period_seconds": duration_seconds(data.get("rotationPeriod")),
        "next_rotation_time": data.get("nextRotationTime"),
        "primary_state": primary.get("state"),
        "protection_level": template.get("protectionLevel") or primary.get("protectionLevel"),
        "create_time": data.get("createTime"),
        "iam_bindings": [],
    }
    region = name.split("/locations/", 1)[1].split("/", 1)[0] if "/locations/" in name else None
    return document(asset, "google_kms_crypto_key", config, name=last_segment(name), region=region)


def api_key(asset: Asset) -> Document:
    data = data_of(asset)
    restrictions: Mapping[str, Any] = data.get("restrictions") or {}
    kind = next((v for k, v in _RESTRICTIONS.items() if restrictions.get(k)), None)
    config = {
        "display_name": str(data.get("displayName", "")),
        "uid": str(data.get("uid", "")),
        "create_time": str(data.get("createTime", "")),
        "application_restriction": kind,
        "api_targets": strings([t.get("service") for t in restrictions.get("apiTargets") or ()]),
    }
    name = str(data.get("displayName") or last_segment(asset["name"]))
    return document(asset, "google_apikeys_key", config, name=name, region="global")
