"""The demo Azure estate, as ARM REST payloads for the local cloud of
:mod:`cspm_opa.localclouds.azure_cloud`.

Two subscriptions in one tenant. ``contoso-prod`` is in good order: every check of the
Azure pack passes there. ``contoso-dev`` carries planted issues, each beside a
compliant twin of the same kind, and one detail left unreadable on purpose (a 403 on
one vault's secrets listing, so the demo shows an UNKNOWN). :func:`seed` returns what a
scan must find: for every planted issue, the check and resource expected to FAIL (or
be UNKNOWN); every other result PASSes.

``contoso-dev`` also holds one attack path per Azure path rule, each beside a twin on no
path (:data:`PLANTED_PATHS`): PATH-AZ-001, an internet-facing app whose SQL server
admits every address (the twin server has public network access disabled); PATH-AZ-002,
a VM with a public IP, SSH open to the internet and an Owner identity (the twin has the
same NSG and identity but no public IP); PATH-AZ-003, a confidential storage account
with a public container (the twin allows public access but keeps its containers
private).

Payload shapes follow the examples in azure-rest-api-specs; the writers of
:mod:`cspm_opa.localclouds.azure_rest` and :mod:`cspm_opa.localclouds.azure_rest_ops` default to
compliant settings, and the planted issues below override them.
"""

from __future__ import annotations

from typing import Any

from cspm_opa.localclouds.azure_cloud import TENANT_ID, AzureCloud
from cspm_opa.localclouds.azure_rest import Expected, guid
from cspm_opa.localclouds.azure_rest_ops import DEFENDER_PLANS, OpsWriter
from cspm_opa.testing.azure_builders import ALERT_OPERATIONS

__all__ = ["DEV", "PLANTED_PATHS", "PROD", "SUBSCRIPTIONS", "Expected", "seed"]

PROD = "7f0c8e52-2b61-4c1e-9a53-0d4b6c2e8f11"
DEV = "3a9d4b17-6e28-4f0a-b5c1-8e2f7d9a0c44"
SUBSCRIPTIONS = {PROD: "contoso-prod", DEV: "contoso-dev"}
READER = "acdd72a7-3385-48ef-bd42-f606fba81ae7"
USER_ACCESS_ADMINISTRATOR = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"
OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"

_DEV_RG = f"/subscriptions/{DEV}/resourceGroups"
PLANTED_PATHS = {
    "PATH-AZ-001": (
        f"{_DEV_RG}/web/providers/Microsoft.Web/sites/app-dev-good",
        f"{_DEV_RG}/data/providers/Microsoft.Sql/servers/sql-dev-bad",
        f"{_DEV_RG}/data/providers/Microsoft.Sql/servers/sql-dev-good",
    ),
    "PATH-AZ-002": (
        f"{_DEV_RG}/compute/providers/Microsoft.Compute/virtualMachines/vm-dev-jump",
        guid("vm-dev-jump", "identity"),
        f"{_DEV_RG}/compute/providers/Microsoft.Compute/virtualMachines/vm-dev-app",
    ),
    "PATH-AZ-003": (
        f"{_DEV_RG}/data/providers/Microsoft.Storage/storageAccounts/stdevbad",
        f"{_DEV_RG}/data/providers/Microsoft.Storage/storageAccounts/stdevbad",
        f"{_DEV_RG}/data/providers/Microsoft.Storage/storageAccounts/stdevshare",
    ),
}
"""Path rule -> (a resource on the planted path, its target, the twin on no path)."""
CONFIDENTIAL = {"DataClassification": "Confidential"}
ALERT_POLICIES = {
    op: f"AZURE-MONITOR-{n:03d}" for n, op in enumerate(ALERT_OPERATIONS, start=3)
} | {"ServiceHealth": "AZURE-MONITOR-013"}


def _subscription_payload(sid: str, name: str) -> dict[str, Any]:
    return {
        "id": f"/subscriptions/{sid}",
        "authorizationSource": "RoleBased",
        "managedByTenants": [],
        "subscriptionId": sid,
        "tenantId": TENANT_ID,
        "displayName": name,
        "state": "Enabled",
        "subscriptionPolicies": {
            "locationPlacementId": "Public_2014-09-01",
            "quotaId": "EnterpriseAgreement_2014-09-01",
            "spendingLimit": "Off",
        },
        "tags": {"environment": "production" if sid == PROD else "development"},
    }


def seed(cloud: AzureCloud) -> Expected:
    """Write the estate into ``cloud``; return the expected non-PASS results."""
    expected: Expected = {}
    subscriptions = [_subscription_payload(sid, name) for sid, name in SUBSCRIPTIONS.items()]
    cloud.put_list("/subscriptions", subscriptions)
    for payload in subscriptions:
        cloud.put(payload["id"], payload)
    _seed_prod(OpsWriter(cloud, PROD, expected, tags={"environment": "production"}))
    _seed_dev(OpsWriter(cloud, DEV, expected, tags={"environment": "development"}))
    return expected


def _seed_prod(s: OpsWriter) -> None:
    """Everything in order: each check passes here."""
    activity = s.storage_account("stprodactivity", rg="ops")
    s.defender(DEFENDER_PLANS)
    s.security_contact(
        emails="secops@contoso.example", roles=["Owner"], alerts=True, attack_paths=True
    )
    s.activity_log_export("export-all", ["Administrative", "Alert", "Policy", "Security"], activity)
    for watched in ALERT_POLICIES:
        s.alert(watched)
    watcher = s.network_watcher("eastus")
    s.bastion("bastion-prod")
    nsg = s.nsg("nsg-prod-web", [("https-from-gateway", "Tcp", "10.0.1.0/24", "443")])
    s.flow_log(watcher, "fl-nsg-prod-web", nsg)
    vnet = s.rid("network", "Microsoft.Network/virtualNetworks", "vnet-prod")
    s.flow_log(watcher, "fl-vnet-prod", vnet, days=0)
    s.key_vault("kv-prod-app")
    s.sql_server("sql-prod")
    s.web_app("app-prod")
    s.update_assessment(s.vm("vm-prod-1"), "Healthy")
    s.disk("disk-prod-data")
    s.role_assignment(READER, guid("auditor"))
    s.custom_role("vm-operator", ["Microsoft.Compute/virtualMachines/start/action"])
    s.databricks("dbw-prod")
    s.app_insights("appi-prod")


def _seed_dev(s: OpsWriter) -> None:
    """Planted issues beside compliant twins."""
    sub = s.sub
    # Subscription level: Defender off, a contact that reaches nobody, a partial
    # activity log export to an account with platform keys, one alert of eleven.
    s.defender(())
    s.security_contact(emails="", roles=[], alerts=False, attack_paths=False)
    s.expect(sub, *(f"AZURE-DEFENDER-{n:03d}" for n in range(1, 16)))
    s.expect(sub, "AZURE-DEFENDER-017")
    s.expect(sub, "AZURE-MONITOR-001", "AZURE-MONITOR-014")
    s.alert("Microsoft.Network/networkSecurityGroups/write")
    s.alert("Microsoft.Network/networkSecurityGroups/delete", enabled=False)
    s.expect(
        sub,
        *(
            policy
            for watched, policy in ALERT_POLICIES.items()
            if watched != "Microsoft.Network/networkSecurityGroups/write"
        ),
    )
    s.expect(sub, "AZURE-NETWORK-006", "AZURE-NETWORK-008")

    _seed_dev_data(s)
    _seed_dev_services(s)


def _seed_dev_data(s: OpsWriter) -> None:
    # Storage: one account with every storage setting wrong, one in good order.
    s.storage_account("stdevgood", account={"tags": CONFIDENTIAL})
    files = s.storage_account(
        "stdevfiles", account={"kind": "FileStorage", "sku": {"name": "Premium_ZRS"}}
    )
    s.expect(files, "AZURE-STORAGE-017")
    bad = s.storage_account(
        "stdevbad",
        containers={"private": "None", "public-reports": "Blob", "exports": "Container"},
        account={
            "tags": CONFIDENTIAL,
            "sku": {"name": "Standard_LRS"},
            "properties": {
                "supportsHttpsTrafficOnly": False,
                "minimumTlsVersion": "TLS1_0",
                "allowBlobPublicAccess": True,
                "allowSharedKeyAccess": None,
                "allowCrossTenantReplication": True,
                "defaultToOAuthAuthentication": False,
                "publicNetworkAccess": "Enabled",
                "networkAcls": {"bypass": "None", "defaultAction": "Allow"},
                "encryption": {"keySource": "Microsoft.Storage", "keyvaultproperties": None},
                "privateEndpointConnections": [],
            },
        },
        blob={
            "properties": {
                "deleteRetentionPolicy": {"enabled": False},
                "containerDeleteRetentionPolicy": {"enabled": False},
                "isVersioningEnabled": False,
            }
        },
        file={
            "properties": {
                "shareDeleteRetentionPolicy": {"enabled": False},
                "protocolSettings": {"smb": {"versions": None, "channelEncryption": None}},
            }
        },
    )
    s.expect(bad, *(f"AZURE-STORAGE-{n:03d}" for n in range(1, 19)))
    # PATH-AZ-003's twin: confidential and open to anonymous access, every container private.
    share = s.storage_account(
        "stdevshare",
        containers={"reports": "None"},
        account={
            "tags": CONFIDENTIAL,
            "properties": {
                "allowBlobPublicAccess": True,
                "publicNetworkAccess": "Enabled",
                "networkAcls": {"defaultAction": "Allow"},
            },
        },
    )
    s.expect(share, "AZURE-STORAGE-003", "AZURE-STORAGE-007", "AZURE-STORAGE-008")
    export = s.activity_log_export("export-admin", ["Administrative"], bad)
    s.expect(export, "AZURE-MONITOR-002")

    # Key Vault: a vault on access policies with nothing set, a good one, and one whose
    # secrets listing is forbidden to the scanner (UNKNOWN, not PASS).
    s.key_vault("kv-dev-good")
    loose = s.key_vault(
        "kv-dev-loose",
        vault={
            "properties": {
                "enableRbacAuthorization": False,
                "enablePurgeProtection": None,
                "publicNetworkAccess": "Enabled",
                "networkAcls": None,
                "privateEndpointConnections": [],
            }
        },
        keys=[{"name": "legacy-key", "expires": False, "rotates": False}],
        secrets=[{"name": "api-token", "expires": False}],
        logged=False,
    )
    s.expect(
        loose,
        *(f"AZURE-KEYVAULT-{n:03d}" for n in (2, 4, 5, 6, 8, 9, 10, 11)),
    )
    locked = s.key_vault("kv-dev-locked")
    s.cloud.fail(f"{locked}/secrets", 403)
    s.expect(locked, "AZURE-KEYVAULT-003", status="UNKNOWN")


def _seed_dev_services(s: OpsWriter) -> None:
    # Network: an internet-facing NSG in a region without Network Watcher, a good one.
    watcher = s.network_watcher("eastus")
    web = s.nsg(
        "nsg-dev-web",
        [
            ("rdp-any", "Tcp", "*", "3389"),
            ("ssh-internet", "Tcp", "Internet", "22"),
            ("dns-any", "Udp", "0.0.0.0/0", "53"),
            ("https-any", "Tcp", "*", "443"),
        ],
        location="westeurope",
    )
    s.expect(web, *(f"AZURE-NETWORK-{n:03d}" for n in (1, 2, 3, 4)))
    app = s.nsg("nsg-dev-app", [("ssh-from-bastion", "Tcp", "10.1.0.0/26", "22")])
    short = s.flow_log(watcher, "fl-nsg-dev-web", web, days=30)
    s.expect(short, "AZURE-NETWORK-005")
    # PATH-AZ-002: a VM with a public IP behind an NSG open to SSH from the internet,
    # whose system-assigned identity is Owner of the subscription. The twin has the same
    # NSG and an Owner identity too, but no public IP.
    jump = s.nsg("nsg-dev-jump", [("ssh-internet", "Tcp", "Internet", "22")])
    s.expect(jump, "AZURE-NETWORK-002")
    s.flow_log(watcher, "fl-nsg-dev-jump", jump)
    for vm, address in (("vm-dev-jump", "20.120.5.10"), ("vm-dev-app", None)):
        principal = guid(vm, "identity")
        s.vm(vm, identity=principal, public_address=address, nsg=jump)
        s.role_assignment(OWNER, principal, principal_type="ServicePrincipal")
    s.flow_log(watcher, "fl-nsg-dev-app", app)
    off = s.flow_log(
        watcher,
        "fl-vnet-dev",
        s.rid("network", "Microsoft.Network/virtualNetworks", "vnet-dev"),
        enabled=False,
    )
    s.expect(off, "AZURE-NETWORK-007")

    # SQL, App Service, compute: a bad one and a good one of each.
    sql = s.sql_server(
        "sql-dev-bad",
        auditing="Disabled",
        firewall=(("any", "0.0.0.0", "255.255.255.255"),),
        entra_admin=False,
        key_type="ServiceManaged",
        databases=(("scratch", "Disabled"),),
        public_network_access="Enabled",  # with the "any" rule: PATH-AZ-001
    )
    s.expect(sql, *(f"AZURE-SQL-{n:03d}" for n in (1, 2, 3, 4)))
    s.expect(f"{sql}/databases/scratch", "AZURE-SQL-005")
    s.sql_server("sql-dev-good")
    site = s.web_app(
        "app-dev-bad",
        https_only=False,
        site_config={"minTlsVersion": "1.0", "ftpsState": "AllAllowed"},
        logged=False,
    )
    s.expect(site, *(f"AZURE-APPSERVICE-{n:03d}" for n in (1, 2, 3, 4)))
    s.web_app("app-dev-good")
    legacy_vm = s.vm("vm-dev-legacy", unmanaged=True)
    s.expect(legacy_vm, "AZURE-COMPUTE-001")
    # Defender finds the legacy machine not checking for missing updates (9.1.10).
    s.update_assessment(legacy_vm, "Unhealthy")
    s.expect(s.sub, "AZURE-DEFENDER-016")
    s.expect(s.disk("disk-dev-export", network_access="AllowAll"), "AZURE-COMPUTE-002")
    s.disk("disk-dev-data")

    # Access control and analytics.
    s.expect(s.role_assignment(USER_ACCESS_ADMINISTRATOR, guid("contractor")), "AZURE-IAM-001")
    s.role_assignment(READER, guid("auditor"))
    s.expect(s.custom_role("dev-superuser", ["*"]), "AZURE-IAM-002")
    s.custom_role("vm-operator", ["Microsoft.Compute/virtualMachines/start/action"])
    workspace = s.databricks("dbw-dev-open", vnet=False, cmk=False)
    s.expect(workspace, "AZURE-DATABRICKS-001", "AZURE-DATABRICKS-002")
    s.databricks("dbw-dev-secure")
    s.databricks("dbw-dev-lab")
