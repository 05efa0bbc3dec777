"""Builders of Azure resource documents and snapshots, for tests and users' own tests.

Every builder returns an ``azurerm_*`` document that validates against its schema and
passes every check of the built-in Azure pack; keyword overrides are deep-merged into
it, so a test states only what it breaks::

    account = storage_account("logs", config={"min_tls_version": "TLS1_0"})
    vault = key_vault("app", config={"purge_protection_enabled": False})

Subscription-level checks also look at other resources (activity log alerts, the
activity log export, Network Watcher, Bastion, Application Insights);
:func:`subscription_baseline` returns a compliant set of them. Ids are ARM resource
ids derived from the arguments, so the same call always yields the same document.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from cspm_opa.testing.builders import deep_merge
from cspm_opa.testing.builders import snapshot as _aws_snapshot

__all__ = [
    "ALERT_OPERATIONS",
    "DEFAULT_LOCATION",
    "DEFAULT_SUBSCRIPTION",
    "activity_log_alert",
    "app_service",
    "application_insights",
    "arm_id",
    "bastion_host",
    "databricks_workspace",
    "diagnostic_setting",
    "flow_log",
    "key_vault",
    "managed_disk",
    "monitor_diagnostic_setting",
    "mssql_database",
    "mssql_server",
    "network_interface",
    "network_security_group",
    "network_watcher",
    "public_ip",
    "role_assignment",
    "role_definition",
    "snapshot",
    "storage_account",
    "subscription",
    "subscription_baseline",
    "virtual_machine",
]

DEFAULT_SUBSCRIPTION = "00000000-0000-0000-0000-0000000000a1"
DEFAULT_LOCATION = "eastus"
TENANT = "11111111-1111-1111-1111-111111111111"
GLOBAL = "global"

ALERT_OPERATIONS = (
    "Microsoft.Authorization/policyAssignments/write",
    "Microsoft.Authorization/policyAssignments/delete",
    "Microsoft.Network/networkSecurityGroups/write",
    "Microsoft.Network/networkSecurityGroups/delete",
    "Microsoft.Security/securitySolutions/write",
    "Microsoft.Security/securitySolutions/delete",
    "Microsoft.Sql/servers/firewallRules/write",
    "Microsoft.Sql/servers/firewallRules/delete",
    "Microsoft.Network/publicIPAddresses/write",
    "Microsoft.Network/publicIPAddresses/delete",
)
"""The operations CIS 7.1.2.1-7.1.2.10 want an activity log alert on."""

DEFENDER_PLANS = (
    "VirtualMachines",
    "Containers",
    "StorageAccounts",
    "AppServices",
    "CosmosDbs",
    "OpenSourceRelationalDatabases",
    "SqlServers",
    "SqlServerVirtualMachines",
    "KeyVaults",
    "Arm",
    "Dns",
)

Document = dict[str, Any]


def arm_id(sub: str, group: str, rtype: str, name: str) -> str:
    """``/subscriptions/<sub>/resourceGroups/<group>/providers/<rtype>/<name>``."""
    return f"/subscriptions/{sub}/resourceGroups/{group}/providers/{rtype}/{name}"


def _guid(*parts: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "/".join(("cspm-opa-azure-builders", *parts))))


def _doc(
    rtype: str,
    rid: str,
    name: str,
    region: str,
    config: Mapping[str, Any],
    *,
    overrides: Mapping[str, Any],
) -> Document:
    doc = {"id": rid, "type": rtype, "name": name, "region": region, "config": dict(config)}
    return deep_merge(doc, overrides)


def _workspace(sub: str) -> str:
    return arm_id(sub, "ops", "Microsoft.OperationalInsights/workspaces", "law")


def diagnostic_setting(sub: str, categories: Iterable[str], name: str = "to-law") -> Document:
    """One entry of a resource's ``diagnostic_settings``: the given log categories sent
    to a Log Analytics workspace."""
    return {
        "name": name,
        "storage_account_id": None,
        "workspace_id": _workspace(sub),
        "event_hub_authorization_rule_id": None,
        "logs": [{"category": c, "category_group": None, "enabled": True} for c in categories],
    }


def _private_endpoint(rid: str) -> list[dict[str, str]]:
    return [{"id": f"{rid}/privateEndpointConnections/pe", "status": "Approved"}]


# --- subscription level ----------------------------------------------------------------


def subscription(
    sub: str = DEFAULT_SUBSCRIPTION, *, name: str = "prod", **overrides: Any
) -> Document:
    """An ``azurerm_subscription`` with every Defender plan on, a security contact that
    emails the security team and owners about alerts and attack paths."""
    config = {
        "subscription_id": sub,
        "tenant_id": TENANT,
        "state": "Enabled",
        "resource_locations": [DEFAULT_LOCATION],
        "defender_plans": [
            {
                "name": p,
                "pricing_tier": "Standard",
                "sub_plan": None,
                "enabled_extensions": (
                    ["ContainerRegistriesVulnerabilityAssessments"] if p == "Containers" else []
                ),
            }
            for p in DEFENDER_PLANS
        ],
        "security_contacts": [
            {
                "name": "default",
                "is_enabled": True,
                "emails": ["secops@example.com"],
                "notify_roles": ["Owner"],
                "alert_minimal_severity": "High",
                "attack_path_minimal_risk_level": "High",
            }
        ],
        "auto_provisioning": [{"name": "default", "auto_provision": "On"}],
        "log_profiles": [],
        "system_update_assessments": [],
    }
    return _doc(
        "azurerm_subscription", f"/subscriptions/{sub}", name, GLOBAL, config, overrides=overrides
    )


def monitor_diagnostic_setting(
    sub: str = DEFAULT_SUBSCRIPTION,
    name: str = "export",
    *,
    storage_account_id: str | None = None,
    **overrides: Any,
) -> Document:
    """An ``azurerm_monitor_diagnostic_setting`` exporting the Administrative, Alert,
    Policy and Security categories of the activity log."""
    config = {
        "target_resource_id": f"/subscriptions/{sub}",
        "storage_account_id": storage_account_id,
        "workspace_id": _workspace(sub),
        "event_hub_authorization_rule_id": None,
        "event_hub_name": None,
        "logs": [
            {"category": c, "category_group": None, "enabled": True}
            for c in ("Administrative", "Alert", "Policy", "Security")
        ],
    }
    rid = f"/subscriptions/{sub}/providers/microsoft.insights/diagnosticSettings/{name}"
    return _doc(
        "azurerm_monitor_diagnostic_setting", rid, name, GLOBAL, config, overrides=overrides
    )


def activity_log_alert(
    operation: str, sub: str = DEFAULT_SUBSCRIPTION, **overrides: Any
) -> Document:
    """An enabled ``azurerm_monitor_activity_log_alert`` over the subscription: on an
    Administrative ``operation``, or on a whole category when ``operation`` is
    ``"ServiceHealth"``."""
    if operation == "ServiceHealth":
        conditions = [_leaf("category", "ServiceHealth")]
    else:
        conditions = [_leaf("category", "Administrative"), _leaf("operationName", operation)]
    name = operation.replace("/", "-").replace(".", "-").lower()
    config = {
        "enabled": True,
        "scopes": [f"/subscriptions/{sub}"],
        "conditions": conditions,
        "action_group_ids": [arm_id(sub, "ops", "microsoft.insights/actionGroups", "secops")],
    }
    rid = arm_id(sub, "ops", "Microsoft.Insights/activityLogAlerts", name)
    return _doc(
        "azurerm_monitor_activity_log_alert", rid, name, GLOBAL, config, overrides=overrides
    )


def _leaf(field: str, value: str) -> dict[str, Any]:
    return {"field": field, "equals": value, "contains_any": None, "any_of": []}


def network_watcher(
    location: str = DEFAULT_LOCATION, sub: str = DEFAULT_SUBSCRIPTION, **overrides: Any
) -> Document:
    """A provisioned ``azurerm_network_watcher`` in ``location``."""
    name = f"NetworkWatcher_{location}"
    rid = arm_id(sub, "NetworkWatcherRG", "Microsoft.Network/networkWatchers", name)
    config = {"provisioning_state": "Succeeded"}
    return _doc("azurerm_network_watcher", rid, name, location, config, overrides=overrides)


def bastion_host(
    name: str = "bastion", sub: str = DEFAULT_SUBSCRIPTION, **overrides: Any
) -> Document:
    """A provisioned Standard ``azurerm_bastion_host``."""
    rid = arm_id(sub, "network", "Microsoft.Network/bastionHosts", name)
    config = {"provisioning_state": "Succeeded", "sku_name": "Standard"}
    return _doc("azurerm_bastion_host", rid, name, DEFAULT_LOCATION, config, overrides=overrides)


def application_insights(
    name: str = "appi", sub: str = DEFAULT_SUBSCRIPTION, **overrides: Any
) -> Document:
    """A workspace-based ``azurerm_application_insights`` component."""
    rid = arm_id(sub, "ops", "microsoft.insights/components", name)
    config = {
        "application_type": "web",
        "workspace_resource_id": _workspace(sub),
        "ingestion_mode": "LogAnalytics",
    }
    return _doc(
        "azurerm_application_insights", rid, name, DEFAULT_LOCATION, config, overrides=overrides
    )


def subscription_baseline(sub: str = DEFAULT_SUBSCRIPTION, *, name: str = "prod") -> list[Document]:
    """What the subscription-level checks need to pass: the subscription, an activity
    log export to a storage account with a customer managed key, the eleven activity
    log alerts, a Network Watcher, a Bastion host and an Application Insights component;
    and the tenant's hardened Microsoft Entra settings (:mod:`graph_builders`)."""
    from cspm_opa.testing import graph_builders

    activity = storage_account("activitylogs", sub)
    return [
        *graph_builders.documents(tenant_id=TENANT),
        subscription(sub, name=name),
        activity,
        monitor_diagnostic_setting(sub, storage_account_id=activity["id"]),
        *(activity_log_alert(op, sub) for op in (*ALERT_OPERATIONS, "ServiceHealth")),
        network_watcher(DEFAULT_LOCATION, sub),
        bastion_host("bastion", sub),
        application_insights("appi", sub),
    ]


# --- resources -------------------------------------------------------------------------


def storage_account(
    name: str = "stdata", sub: str = DEFAULT_SUBSCRIPTION, **overrides: Any
) -> Document:
    """A locked-down, geo-redundant StorageV2 ``azurerm_storage_account`` with a
    customer managed key, a private endpoint, soft delete and versioning, and SMB 3.1.1
    with AES-256-GCM only."""
    rid = arm_id(sub, "data", "Microsoft.Storage/storageAccounts", name)
    config = {
        "kind": "StorageV2",
        "sku_name": "Standard_GRS",
        "https_traffic_only": True,
        "min_tls_version": "TLS1_2",
        "allow_blob_public_access": False,
        "allow_shared_key_access": False,
        "allow_cross_tenant_replication": False,
        "default_to_oauth_authentication": True,
        "public_network_access": "Disabled",
        "network_rules": {
            "default_action": "Deny",
            "bypass": ["AzureServices"],
            "ip_rule_count": 0,
            "virtual_network_rule_count": 0,
        },
        "private_endpoint_connections": _private_endpoint(rid),
        "encryption": {
            "key_source": "Microsoft.Keyvault",
            "key_vault_key_uri": f"https://kv-{name}.vault.azure.net/keys/storage",
            "infrastructure_encryption": True,
        },
        "blob_properties": {
            "delete_retention": {"enabled": True, "days": 14},
            "container_delete_retention": {"enabled": True, "days": 14},
            "versioning_enabled": True,
        },
        "file_properties": {
            "share_delete_retention": {"enabled": True, "days": 14},
            "smb_versions": ["SMB3.1.1"],
            "smb_channel_encryption": ["AES-256-GCM"],
        },
        "public_containers": [],
    }
    return _doc("azurerm_storage_account", rid, name, DEFAULT_LOCATION, config, overrides=overrides)


def key_vault(name: str = "kv-app", sub: str = DEFAULT_SUBSCRIPTION, **overrides: Any) -> Document:
    """An RBAC ``azurerm_key_vault`` with purge protection, no public access, a private
    endpoint, audit logging, and one rotating, expiring key and one expiring secret."""
    rid = arm_id(sub, "security", "Microsoft.KeyVault/vaults", name)
    dates = {"enabled": True, "expires": "2027-06-30T00:00:00Z", "created": "2026-01-01T00:00:00Z"}
    config = {
        "sku_name": "standard",
        "enable_rbac_authorization": True,
        "soft_delete_enabled": True,
        "purge_protection_enabled": True,
        "soft_delete_retention_days": 90,
        "public_network_access": "Disabled",
        "network_acls": {"default_action": "Deny", "bypass": "AzureServices"},
        "private_endpoint_connections": _private_endpoint(rid),
        "keys": [{"name": "data-key", **dates, "auto_rotate": True}],
        "secrets": [{"name": "db-password", **dates}],
        "diagnostic_settings": [diagnostic_setting(sub, ["AuditEvent"])],
    }
    return _doc("azurerm_key_vault", rid, name, DEFAULT_LOCATION, config, overrides=overrides)


def network_security_group(
    name: str = "nsg-web", sub: str = DEFAULT_SUBSCRIPTION, **overrides: Any
) -> Document:
    """An ``azurerm_network_security_group`` admitting HTTPS from the gateway subnet only."""
    rid = arm_id(sub, "network", "Microsoft.Network/networkSecurityGroups", name)
    config = {
        "security_rules": [
            {
                "name": "https-from-gateway",
                "priority": 100,
                "direction": "Inbound",
                "access": "Allow",
                "protocol": "Tcp",
                "source_address_prefixes": ["10.0.1.0/24"],
                "destination_port_ranges": ["443"],
            }
        ],
        "subnet_ids": [],
        "network_interface_ids": [],
    }
    return _doc(
        "azurerm_network_security_group", rid, name, DEFAULT_LOCATION, config, overrides=overrides
    )


def network_interface(
    name: str = "vm-app-nic",
    sub: str = DEFAULT_SUBSCRIPTION,
    *,
    vm: str | None = "vm-app",
    **overrides: Any,
) -> Document:
    """An ``azurerm_network_interface`` of the VM named ``vm`` (the default of
    :func:`virtual_machine`), with one private address and no public IP."""
    rid = arm_id(sub, "network", "Microsoft.Network/networkInterfaces", name)
    vnet = arm_id(sub, "network", "Microsoft.Network/virtualNetworks", "vnet")
    config = {
        "virtual_machine_id": (
            arm_id(sub, "compute", "Microsoft.Compute/virtualMachines", vm) if vm else None
        ),
        "subnet_id": f"{vnet}/subnets/app",
        "private_ip_addresses": ["10.0.2.4"],
        "public_ip_address_ids": [],
        "network_security_group_id": None,
    }
    return _doc(
        "azurerm_network_interface", rid, name, DEFAULT_LOCATION, config, overrides=overrides
    )


def public_ip(
    name: str = "pip-gateway",
    sub: str = DEFAULT_SUBSCRIPTION,
    *,
    ip_configuration: str | None = None,
    **overrides: Any,
) -> Document:
    """A Standard static ``azurerm_public_ip`` (inbound closed unless an NSG opens it),
    associated with ``ip_configuration`` when given."""
    rid = arm_id(sub, "network", "Microsoft.Network/publicIPAddresses", name)
    config = {
        "ip_address": "20.120.0.10",
        "sku": "Standard",
        "allocation_method": "Static",
        "ip_configuration_id": ip_configuration,
    }
    return _doc("azurerm_public_ip", rid, name, DEFAULT_LOCATION, config, overrides=overrides)


def flow_log(
    target_id: str, name: str = "fl", sub: str = DEFAULT_SUBSCRIPTION, **overrides: Any
) -> Document:
    """An enabled ``azurerm_network_watcher_flow_log`` of ``target_id`` kept 90 days,
    with traffic analytics."""
    watcher = network_watcher(DEFAULT_LOCATION, sub)["id"]
    kind = target_id.rstrip("/").split("/")[-2].lower()
    target_type = {
        "networksecuritygroups": "network_security_group",
        "virtualnetworks": "virtual_network",
    }.get(kind, "other")
    config = {
        "network_watcher_id": watcher,
        "target_resource_id": target_id,
        "target_type": target_type,
        "enabled": True,
        "retention_enabled": True,
        "retention_days": 90,
        "storage_id": arm_id(sub, "ops", "Microsoft.Storage/storageAccounts", "flowlogs"),
        "traffic_analytics_enabled": True,
        "workspace_id": _workspace(sub),
    }
    return _doc(
        "azurerm_network_watcher_flow_log",
        f"{watcher}/flowLogs/{name}",
        name,
        DEFAULT_LOCATION,
        config,
        overrides=overrides,
    )


def mssql_server(
    name: str = "sql-app", sub: str = DEFAULT_SUBSCRIPTION, **overrides: Any
) -> Document:
    """An ``azurerm_mssql_server`` with auditing, an Entra administrator, a Key Vault TDE
    protector and a narrow firewall."""
    rid = arm_id(sub, "data", "Microsoft.Sql/servers", name)
    config = {
        "version": "12.0",
        "public_network_access": "Disabled",
        "minimal_tls_version": "1.2",
        "azuread_administrator": {
            "login": "sql-admins",
            "object_id": _guid(sub, name, "admins"),
            "azuread_only_authentication": True,
        },
        "auditing": {
            "state": "Enabled",
            "retention_days": 0,
            "azure_monitor_target_enabled": True,
            "storage_target_set": False,
        },
        "firewall_rules": [
            {"name": "office", "start_ip_address": "203.0.113.10", "end_ip_address": "203.0.113.20"}
        ],
        "encryption_protector": {"server_key_type": "AzureKeyVault", "auto_rotation_enabled": True},
    }
    return _doc("azurerm_mssql_server", rid, name, DEFAULT_LOCATION, config, overrides=overrides)


def mssql_database(
    name: str = "orders",
    server: str = "sql-app",
    sub: str = DEFAULT_SUBSCRIPTION,
    **overrides: Any,
) -> Document:
    """An ``azurerm_mssql_database`` with transparent data encryption on."""
    server_id = arm_id(sub, "data", "Microsoft.Sql/servers", server)
    config = {"server_id": server_id, "sku_name": "S0", "tde_state": "Enabled"}
    return _doc(
        "azurerm_mssql_database",
        f"{server_id}/databases/{name}",
        name,
        DEFAULT_LOCATION,
        config,
        overrides=overrides,
    )


def app_service(name: str = "app", sub: str = DEFAULT_SUBSCRIPTION, **overrides: Any) -> Document:
    """An ``azurerm_app_service`` on HTTPS only, TLS 1.2, no FTP, with HTTP logs sent
    to Log Analytics."""
    rid = arm_id(sub, "web", "Microsoft.Web/sites", name)
    config = {
        "kind": "app,linux",
        "state": "Running",
        "https_only": True,
        "client_cert_enabled": True,
        "public_network_access": "Enabled",
        "identity_type": "SystemAssigned",
        "identity": {"type": "SystemAssigned", "principal_id": _guid(sub, "app", name)},
        "outbound_ip_addresses": ["20.49.104.10", "20.49.104.11"],
        "site_config": {
            "min_tls_version": "1.2",
            "ftps_state": "Disabled",
            "http20_enabled": True,
            "remote_debugging_enabled": False,
        },
        "diagnostic_settings": [diagnostic_setting(sub, ["AppServiceHTTPLogs"])],
    }
    return _doc("azurerm_app_service", rid, name, DEFAULT_LOCATION, config, overrides=overrides)


def virtual_machine(
    name: str = "vm-app", sub: str = DEFAULT_SUBSCRIPTION, **overrides: Any
) -> Document:
    """A Trusted Launch ``azurerm_virtual_machine`` on managed disks with encryption at host."""
    rid = arm_id(sub, "compute", "Microsoft.Compute/virtualMachines", name)
    config = {
        "vm_size": "Standard_D2s_v5",
        "os_type": "Linux",
        "os_disk_managed": True,
        "os_disk_id": arm_id(sub, "compute", "Microsoft.Compute/disks", f"{name}-os"),
        "data_disk_ids": [],
        "unmanaged_data_disks": 0,
        "encryption_at_host": True,
        "security_type": "TrustedLaunch",
        "identity": None,
        "network_interface_ids": [
            arm_id(sub, "network", "Microsoft.Network/networkInterfaces", f"{name}-nic")
        ],
    }
    return _doc("azurerm_virtual_machine", rid, name, DEFAULT_LOCATION, config, overrides=overrides)


def managed_disk(
    name: str = "disk-data", sub: str = DEFAULT_SUBSCRIPTION, **overrides: Any
) -> Document:
    """An attached ``azurerm_managed_disk`` that cannot be exported (DenyAll)."""
    rid = arm_id(sub, "compute", "Microsoft.Compute/disks", name)
    config = {
        "disk_state": "Attached",
        "managed_by": arm_id(sub, "compute", "Microsoft.Compute/virtualMachines", "vm-app"),
        "encryption_type": "EncryptionAtRestWithPlatformKey",
        "disk_encryption_set_id": None,
        "network_access_policy": "DenyAll",
        "public_network_access": "Disabled",
    }
    return _doc("azurerm_managed_disk", rid, name, DEFAULT_LOCATION, config, overrides=overrides)


def role_assignment(
    role_guid: str = "acdd72a7-3385-48ef-bd42-f606fba81ae7",
    principal: str = "auditor",
    sub: str = DEFAULT_SUBSCRIPTION,
    **overrides: Any,
) -> Document:
    """An ``azurerm_role_assignment`` of a built-in role (Reader by default) to a user,
    at the subscription."""
    guid = _guid(sub, role_guid, principal)
    definition = (
        f"/subscriptions/{sub}/providers/Microsoft.Authorization/roleDefinitions/{role_guid}"
    )
    config = {
        "role_definition_id": definition,
        "role_definition_guid": role_guid,
        "principal_id": _guid(principal),
        "principal_type": "User",
        "scope": f"/subscriptions/{sub}",
    }
    rid = f"/subscriptions/{sub}/providers/Microsoft.Authorization/roleAssignments/{guid}"
    return _doc("azurerm_role_assignment", rid, guid, GLOBAL, config, overrides=overrides)


def role_definition(
    name: str = "vm-operator",
    sub: str = DEFAULT_SUBSCRIPTION,
    *,
    actions: Sequence[str] = ("Microsoft.Compute/virtualMachines/start/action",),
    **overrides: Any,
) -> Document:
    """A custom ``azurerm_role_definition`` with narrow actions, assignable at the
    subscription."""
    guid = _guid(sub, "role", name)
    config = {
        "role_name": name,
        "role_type": "CustomRole",
        "description": None,
        "assignable_scopes": [f"/subscriptions/{sub}"],
        "permissions": [
            {
                "actions": list(actions),
                "not_actions": [],
                "data_actions": [],
                "not_data_actions": [],
            }
        ],
    }
    rid = f"/subscriptions/{sub}/providers/Microsoft.Authorization/roleDefinitions/{guid}"
    return _doc("azurerm_role_definition", rid, name, GLOBAL, config, overrides=overrides)


def databricks_workspace(
    name: str = "dbw", sub: str = DEFAULT_SUBSCRIPTION, **overrides: Any
) -> Document:
    """A VNet-injected ``azurerm_databricks_workspace`` with customer managed keys."""
    rid = arm_id(sub, "analytics", "Microsoft.Databricks/workspaces", name)
    config = {
        "sku_name": "premium",
        "custom_virtual_network_id": arm_id(
            sub, "network", "Microsoft.Network/virtualNetworks", "dbx"
        ),
        "public_network_access": "Disabled",
        "managed_services_cmk": True,
        "managed_disk_cmk": True,
        "dbfs_cmk": True,
    }
    return _doc(
        "azurerm_databricks_workspace", rid, name, DEFAULT_LOCATION, config, overrides=overrides
    )


def snapshot(
    sub: str,
    resources: Iterable[Mapping[str, Any]],
    *,
    name: str | None = None,
    tenant: str = TENANT,
    coverage: Iterable[Mapping[str, Any]] | None = None,
    taken_at: str | None = None,
) -> dict[str, Any]:
    """A snapshot envelope with provider ``azure`` holding ``resources``."""
    extra = {"taken_at": taken_at} if taken_at else {}
    doc = _aws_snapshot(
        sub, resources, name=name, labels={"tenant_id": tenant}, coverage=coverage, **extra
    )
    doc["provider"] = "azure"
    return doc
