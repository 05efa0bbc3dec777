# Compliant Azure documents for the checks' tests. A test overrides only what it
# breaks: object.union merges nested objects and replaces everything else.
package cspm.test.azure

subscription_id := "/subscriptions/00000000-0000-0000-0000-000000000001"

# input_of returns an input holding one resource "r1" of `rtype` whose config is
# `config` with `overrides` merged in.
input_of(rtype, config, overrides) := {"resources": {rtype: {"r1": resource(rtype, "r1", object.union(config, overrides))}}}

resource(rtype, id, config) := {"id": id, "type": rtype, "name": id, "region": "eastus", "config": config}

# with_subscription returns an input holding the subscription (its config merged with
# `overrides`) and the resources of `extra`, a map of type to id to document.
with_subscription(overrides, extra) := {"resources": object.union(
	{"azurerm_subscription": {subscription_id: {
		"id": subscription_id,
		"type": "azurerm_subscription",
		"name": "prod",
		"region": "global",
		"config": object.union(subscription, overrides),
	}}},
	extra,
)}

subscription := {
	"subscription_id": "00000000-0000-0000-0000-000000000001",
	"tenant_id": "11111111-1111-1111-1111-111111111111",
	"state": "Enabled",
	"resource_locations": ["eastus"],
	"defender_plans": [{"name": name, "pricing_tier": "Standard", "sub_plan": null, "enabled_extensions": []} |
		some name in [
			"VirtualMachines", "Containers", "StorageAccounts", "AppServices", "CosmosDbs",
			"OpenSourceRelationalDatabases", "SqlServers", "SqlServerVirtualMachines",
			"KeyVaults", "Arm", "Dns",
		]
	],
	"security_contacts": [{
		"name": "default",
		"is_enabled": true,
		"emails": ["secops@example.com"],
		"notify_roles": ["Owner"],
		"alert_minimal_severity": "High",
		"attack_path_minimal_risk_level": "High",
	}],
	"auto_provisioning": [{"name": "default", "auto_provision": "On"}],
	"log_profiles": [],
}

storage_account := {
	"kind": "StorageV2",
	"sku_name": "Standard_GRS",
	"https_traffic_only": true,
	"min_tls_version": "TLS1_2",
	"allow_blob_public_access": false,
	"allow_shared_key_access": false,
	"allow_cross_tenant_replication": false,
	"default_to_oauth_authentication": true,
	"public_network_access": "Disabled",
	"network_rules": {"default_action": "Deny", "bypass": ["AzureServices"], "ip_rule_count": 0, "virtual_network_rule_count": 0},
	"private_endpoint_connections": [{"id": "pe1", "status": "Approved"}],
	"encryption": {"key_source": "Microsoft.Keyvault", "key_vault_key_uri": "https://kv.vault.azure.net/keys/k", "infrastructure_encryption": true},
	"blob_properties": {
		"delete_retention": {"enabled": true, "days": 14},
		"container_delete_retention": {"enabled": true, "days": 14},
		"versioning_enabled": true,
	},
	"file_properties": {
		"share_delete_retention": {"enabled": true, "days": 14},
		"smb_versions": ["SMB3.1.1"],
		"smb_channel_encryption": ["AES-256-GCM"],
	},
}

diagnostic_setting(categories) := {
	"name": "to-law",
	"storage_account_id": null,
	"workspace_id": "/subscriptions/x/resourceGroups/ops/providers/Microsoft.OperationalInsights/workspaces/law",
	"event_hub_authorization_rule_id": null,
	"logs": [{"category": c, "category_group": null, "enabled": true} | some c in categories],
}

key_vault := {
	"sku_name": "standard",
	"enable_rbac_authorization": true,
	"soft_delete_enabled": true,
	"purge_protection_enabled": true,
	"soft_delete_retention_days": 90,
	"public_network_access": "Disabled",
	"network_acls": {"default_action": "Deny", "bypass": "AzureServices"},
	"private_endpoint_connections": [{"id": "pe1", "status": "Approved"}],
	"keys": [{"name": "k1", "enabled": true, "expires": "2027-01-01T00:00:00Z", "created": "2026-01-01T00:00:00Z", "auto_rotate": true}],
	"secrets": [{"name": "s1", "enabled": true, "expires": "2027-01-01T00:00:00Z", "created": "2026-01-01T00:00:00Z"}],
	"diagnostic_settings": [diagnostic_setting(["AuditEvent"])],
}

nsg_rule(overrides) := object.union(
	{
		"name": "rule",
		"priority": 100,
		"direction": "Inbound",
		"access": "Allow",
		"protocol": "Tcp",
		"source_address_prefixes": ["10.0.0.0/8"],
		"destination_port_ranges": ["22", "3389", "80", "443"],
	},
	overrides,
)

network_security_group := {"security_rules": [nsg_rule({})], "subnet_ids": [], "network_interface_ids": []}

flow_log := {
	"network_watcher_id": "/subscriptions/x/resourceGroups/NetworkWatcherRG/providers/Microsoft.Network/networkWatchers/NetworkWatcher_eastus",
	"target_resource_id": "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/web",
	"target_type": "network_security_group",
	"enabled": true,
	"retention_enabled": true,
	"retention_days": 90,
	"storage_id": "/subscriptions/x/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/flowlogs",
	"traffic_analytics_enabled": true,
	"workspace_id": "/subscriptions/x/resourceGroups/ops/providers/Microsoft.OperationalInsights/workspaces/law",
}

# alert(conditions) is an enabled activity log alert over the test subscription.
alert(conditions) := {
	"id": concat("", [subscription_id, "/resourceGroups/ops/providers/Microsoft.Insights/activityLogAlerts/", crypto.md5(json.marshal(conditions))]),
	"type": "azurerm_monitor_activity_log_alert",
	"name": "alert",
	"region": "global",
	"config": {"enabled": true, "scopes": [subscription_id], "conditions": conditions, "action_group_ids": ["ag"]},
}

leaf(field, value) := {"field": field, "equals": value, "contains_any": null, "any_of": []}

administrative_alert(operation) := alert([leaf("category", "Administrative"), leaf("operationName", operation)])

# alerts_input returns the subscription with the given alert documents.
alerts_input(alerts) := with_subscription({}, {"azurerm_monitor_activity_log_alert": {a.id: a | some a in alerts}})

mssql_server := {
	"version": "12.0",
	"public_network_access": "Disabled",
	"minimal_tls_version": "1.2",
	"azuread_administrator": {"login": "dba-group", "object_id": "22222222-2222-2222-2222-222222222222", "azuread_only_authentication": true},
	"auditing": {"state": "Enabled", "retention_days": 90, "azure_monitor_target_enabled": true, "storage_target_set": false},
	"firewall_rules": [{"name": "office", "start_ip_address": "203.0.113.10", "end_ip_address": "203.0.113.20"}],
	"encryption_protector": {"server_key_type": "AzureKeyVault", "auto_rotation_enabled": true},
}

app_service := {
	"kind": "app,linux",
	"state": "Running",
	"https_only": true,
	"client_cert_enabled": true,
	"public_network_access": "Enabled",
	"identity_type": "SystemAssigned",
	"site_config": {"min_tls_version": "1.2", "ftps_state": "Disabled", "http20_enabled": true, "remote_debugging_enabled": false},
	"diagnostic_settings": [diagnostic_setting(["AppServiceHTTPLogs"])],
}
