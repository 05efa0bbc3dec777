"""ARM REST payloads for the local Azure of :mod:`cspm_opa.localclouds.azure_cloud`.

:class:`ArmWriter` writes one subscription's resources into an
:class:`~cspm_opa.localclouds.azure_cloud.AzureCloud`, shaped like the examples in
azure-rest-api-specs: compliant by default, with deep-merged overrides or flags for the
settings a test or the demo breaks. Each write also lists the resource in the
subscription's generic ``/resources`` listing, as ARM does, and returns its id. This
module holds the data services (storage, Key Vault, SQL);
:mod:`cspm_opa.localclouds.azure_rest_ops` the rest.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from cspm_opa.localclouds.azure_cloud import TENANT_ID, AzureCloud
from cspm_opa.testing.builders import deep_merge

__all__ = ["INSIGHTS", "ArmWriter", "Expected", "diag", "guid"]

INSIGHTS = "providers/Microsoft.Insights/diagnosticSettings"

Expected = dict[str, dict[tuple[str, str], str]]
"""Subscription id -> (policy id, resource id) -> "FAIL" or "UNKNOWN"."""


def guid(*parts: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "/".join(("cspm-opa-azure", *parts))))


def _pe(resource_id: str, status: str = "Approved") -> dict[str, Any]:
    return {
        "id": f"{resource_id}/privateEndpointConnections/pe-{status.lower()}",
        "properties": {
            "privateEndpoint": {"id": f"{resource_id}-pe"},
            "privateLinkServiceConnectionState": {
                "status": status,
                "description": "",
                "actionsRequired": "None",
            },
            "provisioningState": "Succeeded",
        },
    }


def diag(resource_id: str, categories: Iterable[str], workspace: str) -> dict[str, Any]:
    return {
        "id": f"{resource_id}/{INSIGHTS}/to-law",
        "name": "to-law",
        "type": "Microsoft.Insights/diagnosticSettings",
        "properties": {
            "workspaceId": workspace,
            "logs": [
                {"category": c, "enabled": True, "retentionPolicy": {"enabled": False, "days": 0}}
                for c in categories
            ],
            "metrics": [],
        },
    }


class ArmWriter:
    """Writes one subscription's payloads into the cloud and records expectations."""

    def __init__(
        self,
        cloud: AzureCloud,
        sid: str,
        expected: Expected,
        *,
        tags: Mapping[str, str] | None = None,
    ) -> None:
        self.cloud = cloud
        self.tags = dict(tags or {})
        self.sid = sid
        self.sub = f"/subscriptions/{sid}"
        self.expected = expected.setdefault(sid, {})
        self.workspace = (
            f"{self.sub}/resourceGroups/ops/providers/Microsoft.OperationalInsights/workspaces/law"
        )
        for path in (
            "resources",
            "providers/Microsoft.Storage/storageAccounts",
            "providers/Microsoft.Network/networkSecurityGroups",
            "providers/Microsoft.Network/networkInterfaces",
            "providers/Microsoft.Network/publicIPAddresses",
            "providers/Microsoft.Network/networkWatchers",
            "providers/Microsoft.Network/bastionHosts",
            "providers/Microsoft.Sql/servers",
            "providers/Microsoft.KeyVault/vaults",
            "providers/Microsoft.Web/sites",
            "providers/Microsoft.Compute/virtualMachines",
            "providers/Microsoft.Compute/disks",
            "providers/Microsoft.Authorization/roleAssignments",
            "providers/Microsoft.Authorization/roleDefinitions",
            "providers/Microsoft.Insights/activityLogAlerts",
            "providers/Microsoft.Insights/logprofiles",
            "providers/Microsoft.Insights/diagnosticSettings",
            "providers/Microsoft.Security/pricings",
            "providers/Microsoft.Security/securityContacts",
            "providers/Microsoft.Security/autoProvisioningSettings",
            "providers/Microsoft.Security/assessments",
        ):
            cloud.put_list(f"{self.sub}/{path}", [], paged=not path.endswith("diagnosticSettings"))

    # --- helpers --------------------------------------------------------------------

    def expect(self, resource_id: str, *policies: str, status: str = "FAIL") -> None:
        for policy in policies:
            self.expected[(policy, resource_id)] = status

    def rid(self, rg: str, rtype: str, name: str) -> str:
        return f"{self.sub}/resourceGroups/{rg}/providers/{rtype}/{name}"

    def _add(self, listing: str, payload: Mapping[str, Any]) -> None:
        self.cloud.append(f"{self.sub}/{listing}", payload)
        self.cloud.append(
            f"{self.sub}/resources",
            {k: payload[k] for k in ("id", "name", "type", "location", "tags") if k in payload},
        )

    def _diagnostics(self, resource_id: str, settings: Sequence[Mapping[str, Any]]) -> None:
        self.cloud.put_list(f"{resource_id}/{INSIGHTS}", settings, paged=False)

    # --- storage ----------------------------------------------------------------------

    def storage_account(
        self,
        name: str,
        *,
        rg: str = "data",
        location: str = "eastus",
        account: Mapping[str, Any] | None = None,
        blob: Mapping[str, Any] | None = None,
        file: Mapping[str, Any] | None = None,
        containers: Mapping[str, str] | None = None,
    ) -> str:
        """``containers``: name -> access level (None, Blob or Container); one private
        container by default."""
        rid = self.rid(rg, "Microsoft.Storage/storageAccounts", name)
        payload = deep_merge(
            {
                "id": rid,
                "name": name,
                "type": "Microsoft.Storage/storageAccounts",
                "location": location,
                "kind": "StorageV2",
                "sku": {"name": "Standard_GRS", "tier": "Standard"},
                "tags": dict(self.tags),
                "properties": {
                    "provisioningState": "Succeeded",
                    "creationTime": "2025-03-01T09:00:00.0000000Z",
                    "supportsHttpsTrafficOnly": True,
                    "minimumTlsVersion": "TLS1_2",
                    "allowBlobPublicAccess": False,
                    "allowSharedKeyAccess": False,
                    "allowCrossTenantReplication": False,
                    "defaultToOAuthAuthentication": True,
                    "publicNetworkAccess": "Disabled",
                    "networkAcls": {
                        "bypass": "AzureServices",
                        "defaultAction": "Deny",
                        "ipRules": [],
                        "virtualNetworkRules": [],
                    },
                    "encryption": {
                        "keySource": "Microsoft.Keyvault",
                        "requireInfrastructureEncryption": True,
                        "keyvaultproperties": {
                            "keyname": "storage-cmk",
                            "keyvaulturi": f"https://kv-{name}.vault.azure.net/",
                        },
                        "services": {
                            "blob": {"enabled": True, "keyType": "Account"},
                            "file": {"enabled": True, "keyType": "Account"},
                        },
                    },
                    "privateEndpointConnections": [_pe(rid)],
                    "primaryEndpoints": {"blob": f"https://{name}.blob.core.windows.net/"},
                },
            },
            account or {},
        )
        self._add("providers/Microsoft.Storage/storageAccounts", payload)
        self.cloud.put(
            f"{rid}/blobServices/default",
            deep_merge(
                {
                    "id": f"{rid}/blobServices/default",
                    "name": "default",
                    "type": "Microsoft.Storage/storageAccounts/blobServices",
                    "properties": {
                        "deleteRetentionPolicy": {"enabled": True, "days": 14},
                        "containerDeleteRetentionPolicy": {"enabled": True, "days": 14},
                        "isVersioningEnabled": True,
                        "changeFeed": {"enabled": True},
                    },
                },
                blob or {},
            ),
        )
        self.cloud.put_list(
            f"{rid}/blobServices/default/containers",
            [
                self._container(rid, container, access)
                for container, access in (containers or {"data": "None"}).items()
            ],
        )
        self.cloud.put(
            f"{rid}/fileServices/default",
            deep_merge(
                {
                    "id": f"{rid}/fileServices/default",
                    "name": "default",
                    "type": "Microsoft.Storage/storageAccounts/fileServices",
                    "properties": {
                        "shareDeleteRetentionPolicy": {"enabled": True, "days": 14},
                        "protocolSettings": {
                            "smb": {
                                "versions": "SMB3.1.1",
                                "channelEncryption": "AES-256-GCM",
                                "authenticationMethods": "Kerberos",
                                "kerberosTicketEncryption": "AES-256",
                            }
                        },
                    },
                },
                file or {},
            ),
        )
        return rid

    @staticmethod
    def _container(account_id: str, name: str, access: str) -> dict[str, Any]:
        """A ListContainerItem as the plain containers listing returns it."""
        return {
            "id": f"{account_id}/blobServices/default/containers/{name}",
            "name": name,
            "type": "Microsoft.Storage/storageAccounts/blobServices/containers",
            "etag": '"0x8D9A1B2C3D4E5F6"',
            "properties": {
                "publicAccess": access,
                "leaseStatus": "Unlocked",
                "leaseState": "Available",
                "lastModifiedTime": "2025-03-01T09:00:00.0000000Z",
                "hasImmutabilityPolicy": False,
                "hasLegalHold": False,
                "deleted": False,
                "remainingRetentionDays": 0,
                "defaultEncryptionScope": "$account-encryption-key",
                "denyEncryptionScopeOverride": False,
            },
        }

    # --- key vault --------------------------------------------------------------------

    def key_vault(
        self,
        name: str,
        *,
        rg: str = "security",
        vault: Mapping[str, Any] | None = None,
        keys: Sequence[Mapping[str, Any]] | None = None,
        secrets: Sequence[Mapping[str, Any]] | None = None,
        logged: bool = True,
    ) -> str:
        rid = self.rid(rg, "Microsoft.KeyVault/vaults", name)
        payload = deep_merge(
            {
                "id": rid,
                "name": name,
                "type": "Microsoft.KeyVault/vaults",
                "location": "eastus",
                "tags": {},
                "properties": {
                    "tenantId": TENANT_ID,
                    "sku": {"family": "A", "name": "standard"},
                    "accessPolicies": [],
                    "enableSoftDelete": True,
                    "softDeleteRetentionInDays": 90,
                    "enablePurgeProtection": True,
                    "enableRbacAuthorization": True,
                    "vaultUri": f"https://{name}.vault.azure.net/",
                    "publicNetworkAccess": "Disabled",
                    "networkAcls": {
                        "bypass": "AzureServices",
                        "defaultAction": "Deny",
                        "ipRules": [],
                        "virtualNetworkRules": [],
                    },
                    "privateEndpointConnections": [_pe(rid)],
                    "provisioningState": "Succeeded",
                },
            },
            vault or {},
        )
        self._add("providers/Microsoft.KeyVault/vaults", payload)
        self.cloud.put_list(
            f"{rid}/keys", [self._key(rid, k) for k in keys or [{"name": "data-key"}]]
        )
        self.cloud.put_list(
            f"{rid}/secrets",
            [self._secret(rid, s) for s in secrets or [{"name": "db-password"}]],
        )
        settings = [diag(rid, ["AuditEvent"], self.workspace)] if logged else []
        self._diagnostics(rid, settings)
        return rid

    @staticmethod
    def _key(vault_id: str, spec: Mapping[str, Any]) -> dict[str, Any]:
        name = spec["name"]
        attributes = {"enabled": True, "created": 1767225600, "updated": 1767225600}
        if spec.get("expires", True):
            attributes["exp"] = 1830297600  # 2028-01-01
        rotation = {
            "attributes": {"expiryTime": "P1Y"},
            "lifetimeActions": [
                {"trigger": {"timeBeforeExpiry": "P30D"}, "action": {"type": "rotate"}},
                {"trigger": {"timeBeforeExpiry": "P60D"}, "action": {"type": "notify"}},
            ],
        }
        props: dict[str, Any] = {
            "attributes": attributes,
            "kty": "RSA",
            "keySize": 3072,
            "keyOps": ["encrypt", "decrypt", "wrapKey", "unwrapKey"],
            "keyUri": f"https://{vault_id.rsplit('/', 1)[-1]}.vault.azure.net/keys/{name}",
        }
        if spec.get("rotates", True):
            props["rotationPolicy"] = rotation
        return {
            "id": f"{vault_id}/keys/{name}",
            "name": name,
            "type": "Microsoft.KeyVault/vaults/keys",
            "location": "eastus",
            "properties": props,
        }

    @staticmethod
    def _secret(vault_id: str, spec: Mapping[str, Any]) -> dict[str, Any]:
        name, vault = spec["name"], vault_id.rsplit("/", 1)[-1]
        attributes = {"enabled": True, "created": 1767225600, "updated": 1767225600}
        if spec.get("expires", True):
            attributes["exp"] = 1830297600
        return {
            "id": f"{vault_id}/secrets/{name}",
            "name": name,
            "type": "Microsoft.KeyVault/vaults/secrets",
            "location": "eastus",
            "properties": {
                "attributes": attributes,
                "contentType": "text/plain",
                # The management plane documents that it never returns a secret's
                # value; one is planted anyway to prove the collector drops it.
                "value": "planted-secret-value-must-not-leak",
                "secretUri": f"https://{vault}.vault.azure.net/secrets/{name}",
            },
        }

    # --- SQL --------------------------------------------------------------------------

    def sql_server(
        self,
        name: str,
        *,
        rg: str = "data",
        auditing: str = "Enabled",
        firewall: Sequence[tuple[str, str, str]] = (("office", "203.0.113.10", "203.0.113.20"),),
        entra_admin: bool = True,
        key_type: str = "AzureKeyVault",
        databases: Sequence[tuple[str, str]] = (("orders", "Enabled"),),
        public_network_access: str = "Disabled",
    ) -> str:
        rid = self.rid(rg, "Microsoft.Sql/servers", name)
        self._add(
            "providers/Microsoft.Sql/servers",
            {
                "id": rid,
                "name": name,
                "type": "Microsoft.Sql/servers",
                "location": "eastus",
                "kind": "v12.0",
                "properties": {
                    "administratorLogin": "sqladmin",
                    "version": "12.0",
                    "state": "Ready",
                    "fullyQualifiedDomainName": f"{name}.database.windows.net",
                    "minimalTlsVersion": "1.2",
                    "publicNetworkAccess": public_network_access,
                },
            },
        )
        self.cloud.put(
            f"{rid}/auditingSettings/default",
            {
                "id": f"{rid}/auditingSettings/default",
                "name": "default",
                "type": "Microsoft.Sql/servers/auditingSettings",
                "properties": {
                    "state": auditing,
                    "storageEndpoint": "",
                    "retentionDays": 0,
                    "auditActionsAndGroups": ["BATCH_COMPLETED_GROUP"],
                    "isAzureMonitorTargetEnabled": auditing == "Enabled",
                },
            },
        )
        self.cloud.put_list(
            f"{rid}/firewallRules",
            [
                {
                    "id": f"{rid}/firewallRules/{rule}",
                    "name": rule,
                    "type": "Microsoft.Sql/servers/firewallRules",
                    "properties": {"startIpAddress": start, "endIpAddress": end},
                }
                for rule, start, end in firewall
            ],
        )
        admins = [
            {
                "id": f"{rid}/administrators/ActiveDirectory",
                "name": "ActiveDirectory",
                "type": "Microsoft.Sql/servers/administrators",
                "properties": {
                    "administratorType": "ActiveDirectory",
                    "login": "sql-admins",
                    "sid": guid(name, "admins"),
                    "tenantId": TENANT_ID,
                    "azureADOnlyAuthentication": True,
                },
            }
        ]
        self.cloud.put_list(f"{rid}/administrators", admins if entra_admin else [])
        self.cloud.put(
            f"{rid}/encryptionProtector/current",
            {
                "id": f"{rid}/encryptionProtector/current",
                "name": "current",
                "type": "Microsoft.Sql/servers/encryptionProtector",
                "kind": key_type.lower(),
                "properties": {
                    "serverKeyName": "ServiceManaged" if key_type == "ServiceManaged" else "kv_k",
                    "serverKeyType": key_type,
                    "autoRotationEnabled": key_type == "AzureKeyVault",
                },
            },
        )
        listing = [("master", "Enabled"), *databases]
        self.cloud.put_list(
            f"{rid}/databases",
            [
                {
                    "id": f"{rid}/databases/{db}",
                    "name": db,
                    "type": "Microsoft.Sql/servers/databases",
                    "location": "eastus",
                    "sku": {"name": "System" if db == "master" else "S0"},
                    "properties": {"status": "Online"},
                }
                for db, _ in listing
            ],
        )
        for db, state in listing:
            self.cloud.put(
                f"{rid}/databases/{db}/transparentDataEncryption/current",
                {
                    "id": f"{rid}/databases/{db}/transparentDataEncryption/current",
                    "name": "current",
                    "type": "Microsoft.Sql/servers/databases/transparentDataEncryption",
                    "properties": {"state": state},
                },
            )
        return rid
