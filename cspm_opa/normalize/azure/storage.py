"""Storage accounts, with their blob and file service properties."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from cspm_opa.normalize.azure._common import (
    Document,
    Raw,
    comma_list,
    flag,
    private_endpoints,
    props,
    resource,
    semicolon_list,
)

__all__ = ["BLOB_KINDS", "FILE_KINDS", "PUBLIC_ACCESS", "storage_account"]

BLOB_KINDS = frozenset({"StorageV2", "Storage", "BlobStorage", "BlockBlobStorage"})
"""Account kinds that have a blob service (and so blob service properties)."""
FILE_KINDS = frozenset({"StorageV2", "Storage", "FileStorage"})
"""Account kinds that have a file service."""
PUBLIC_ACCESS = frozenset({"Container", "Blob"})
"""Container access levels that let anonymous readers in."""


def storage_account(
    raw: Raw,
    blob_service: Raw | None,
    file_service: Raw | None,
    *,
    containers: Iterable[Raw] | None,
    unknown: tuple[str, ...] = (),
) -> Document:
    """An ``azurerm_storage_account`` from a storageAccounts item and the account's
    ``blobServices/default`` and ``fileServices/default`` payloads (None where the kind
    has no such service, or where it could not be read and is named in ``unknown``), and
    its blob containers (None when they could not be listed: ``public_containers`` is
    then None and named in ``unknown``; a kind without blobs has none).

    Unset properties take the defaults the Storage API documents: shared key access is
    allowed, public network access is enabled, TLS 1.0 is accepted."""
    p = props(raw)
    acls = p.get("networkAcls") or {}
    encryption = p.get("encryption") or {}
    key_vault = encryption.get("keyvaultproperties") or encryption.get("keyVaultProperties") or {}
    config: dict[str, Any] = {
        "kind": str(raw.get("kind") or "StorageV2"),
        "sku_name": str((raw.get("sku") or {}).get("name") or ""),
        "https_traffic_only": flag(p.get("supportsHttpsTrafficOnly"), True),
        "min_tls_version": str(p.get("minimumTlsVersion") or "TLS1_0"),
        "allow_blob_public_access": flag(p.get("allowBlobPublicAccess"), False),
        "allow_shared_key_access": flag(p.get("allowSharedKeyAccess"), True),
        "allow_cross_tenant_replication": flag(p.get("allowCrossTenantReplication"), False),
        "default_to_oauth_authentication": flag(p.get("defaultToOAuthAuthentication"), False),
        "public_network_access": str(p.get("publicNetworkAccess") or "Enabled"),
        "network_rules": {
            "default_action": "Deny" if acls.get("defaultAction") == "Deny" else "Allow",
            "bypass": comma_list(acls.get("bypass")),
            "ip_rule_count": len(acls.get("ipRules") or ()),
            "virtual_network_rule_count": len(acls.get("virtualNetworkRules") or ()),
        },
        "private_endpoint_connections": private_endpoints(p.get("privateEndpointConnections")),
        "encryption": {
            "key_source": str(encryption.get("keySource") or "Microsoft.Storage"),
            "key_vault_key_uri": _key_uri(key_vault),
            "infrastructure_encryption": flag(
                encryption.get("requireInfrastructureEncryption"), False
            ),
        },
        "blob_properties": _blob(blob_service) if blob_service is not None else None,
        "file_properties": _file(file_service) if file_service is not None else None,
        "public_containers": _public(containers) if containers is not None else None,
    }
    if containers is None:
        unknown = (*unknown, "public_containers")
    return resource("azurerm_storage_account", raw, config, unknown=unknown)


def _public(containers: Iterable[Raw]) -> list[str]:
    """Names of the containers anonymous readers may read (publicAccess Container lets
    them list blobs too, Blob only read a blob they can name)."""
    return sorted(
        str(c.get("name", ""))
        for c in containers
        if str(props(c).get("publicAccess") or "None") in PUBLIC_ACCESS
    )


def _key_uri(key_vault: Raw) -> str | None:
    uri = key_vault.get("keyvaulturi") or key_vault.get("keyVaultUri")
    name = key_vault.get("keyname") or key_vault.get("keyName")
    if not uri or not name:
        return None
    return f"{str(uri).rstrip('/')}/keys/{name}"


def _retention(policy: Raw | None) -> dict[str, Any]:
    policy = policy or {}
    days = policy.get("days")
    return {"enabled": flag(policy.get("enabled"), False), "days": int(days) if days else None}


def _blob(service: Raw) -> dict[str, Any]:
    p = props(service)
    return {
        "delete_retention": _retention(p.get("deleteRetentionPolicy")),
        "container_delete_retention": _retention(p.get("containerDeleteRetentionPolicy")),
        "versioning_enabled": flag(p.get("isVersioningEnabled"), False),
    }


def _file(service: Raw) -> dict[str, Any]:
    p = props(service)
    smb = (p.get("protocolSettings") or {}).get("smb") or {}
    return {
        "share_delete_retention": _retention(p.get("shareDeleteRetentionPolicy")),
        "smb_versions": semicolon_list(smb.get("versions")),
        "smb_channel_encryption": semicolon_list(smb.get("channelEncryption")),
    }
