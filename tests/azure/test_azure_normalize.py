"""The normalizers on REST payloads shaped like the azure-rest-api-specs examples: API
defaults for unset properties, the odd encodings ARM uses, and what is never copied."""

from __future__ import annotations

from typing import Any

from cspm_opa.normalize import azure as n
from cspm_opa.normalize.azure._common import timestamp
from cspm_opa.schemas import default_store

SUB = "/subscriptions/00000000-0000-0000-0000-000000000001"


def _valid(doc: dict[str, Any]) -> dict[str, Any]:
    issues = list(default_store().issues(f"resources/{doc['type']}.json", doc))
    assert issues == []
    return doc


def test_storage_account_unset_properties_take_the_documented_defaults() -> None:
    raw = {
        "id": f"{SUB}/resourceGroups/res9101/providers/Microsoft.Storage/storageAccounts/sto4445",
        "name": "sto4445",
        "location": "East US",
        "kind": "Storage",
        "sku": {"name": "Standard_LRS"},
        "properties": {
            "networkAcls": {"bypass": "AzureServices, Logging", "defaultAction": "Allow"}
        },
    }
    doc = _valid(n.storage_account(raw, None, None, containers=[], unknown=("blob_properties",)))
    config = doc["config"]
    assert doc["region"] == "eastus"
    assert doc["unknown"] == ["blob_properties"]
    assert config["allow_shared_key_access"] is True
    assert config["https_traffic_only"] is True
    assert config["min_tls_version"] == "TLS1_0"
    assert config["public_network_access"] == "Enabled"
    assert config["network_rules"]["bypass"] == ["AzureServices", "Logging"]
    assert config["encryption"]["key_source"] == "Microsoft.Storage"


def test_file_service_smb_settings_are_split_lists() -> None:
    raw = {"id": f"{SUB}/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/f",
           "kind": "FileStorage", "sku": {"name": "Premium_LRS"}, "location": "eastus"}  # fmt: skip
    file_service = {
        "properties": {
            "shareDeleteRetentionPolicy": {"enabled": True, "days": 7},
            "protocolSettings": {
                "smb": {"versions": "SMB3.0;SMB3.1.1;", "channelEncryption": "AES-256-GCM"}
            },
        }
    }
    props = _valid(n.storage_account(raw, None, file_service, containers=[]))["config"][
        "file_properties"
    ]
    assert props["smb_versions"] == ["SMB3.0", "SMB3.1.1"]
    assert props["smb_channel_encryption"] == ["AES-256-GCM"]
    assert props["share_delete_retention"] == {"enabled": True, "days": 7}


def test_nsg_rules_merge_singular_and_plural_fields_and_skip_default_rules() -> None:
    raw = {
        "id": f"{SUB}/resourceGroups/rg/providers/Microsoft.Network/networkSecurityGroups/nsg1",
        "name": "nsg1",
        "location": "westus",
        "properties": {
            "securityRules": [
                {"name": "rule1", "properties": {
                    "protocol": "*", "sourceAddressPrefix": "*", "destinationPortRange": "80",
                    "access": "Allow", "priority": 130, "direction": "Inbound",
                    "sourceAddressPrefixes": [], "destinationPortRanges": ["443", "8080-8090"]}},
            ],
            "defaultSecurityRules": [{"name": "AllowVnetInBound", "properties": {}}],
        },
    }  # fmt: skip
    (rule,) = _valid(n.network_security_group(raw))["config"]["security_rules"]
    assert rule["source_address_prefixes"] == ["*"]
    assert rule["destination_port_ranges"] == ["80", "443", "8080-8090"]


def test_key_vault_keeps_dates_and_never_values() -> None:
    vault = {
        "id": f"{SUB}/resourceGroups/rg/providers/Microsoft.KeyVault/vaults/v",
        "name": "v",
        "location": "westus",
        "properties": {"sku": {"name": "premium"}},
    }
    secret = {"name": "s", "properties": {"value": "hunter2", "attributes": {"exp": 1830297600}}}
    key = {"name": "k", "properties": {"attributes": {"enabled": False}, "rotationPolicy": {
        "lifetimeActions": [{"action": {"type": "Rotate"}}]}}}  # fmt: skip
    doc = _valid(n.key_vault(vault, [key], [secret], []))
    assert "hunter2" not in str(doc)
    assert doc["config"]["secrets"] == [
        {"name": "s", "enabled": True, "expires": "2028-01-01T00:00:00Z", "created": None}
    ]
    assert doc["config"]["keys"][0]["auto_rotate"] is True
    assert doc["config"]["soft_delete_enabled"] is True
    assert doc["config"]["purge_protection_enabled"] is False
    assert doc["config"]["network_acls"] is None


def test_security_contact_reads_both_api_shapes() -> None:
    legacy = {"name": "default1", "properties": {
        "emails": "john@contoso.com;jane@contoso.com", "phone": "(214)275-4038",
        "alertNotifications": {"state": "On", "minimalSeverity": "Low"},
        "notificationsByRole": {"state": "On", "roles": ["Owner"]}}}  # fmt: skip
    contact = n.security_contact(legacy)
    assert contact["emails"] == ["john@contoso.com", "jane@contoso.com"]
    assert contact["alert_minimal_severity"] == "Low"
    assert contact["attack_path_minimal_risk_level"] is None
    assert "phone" not in contact
    current = {"name": "default", "properties": {"isEnabled": True, "emails": "a@b.c",
        "notificationsSources": [{"sourceType": "AttackPath", "minimalRiskLevel": "Critical"}],
        "notificationsByRole": {"state": "Off", "roles": ["Owner"]}}}  # fmt: skip
    contact = n.security_contact(current)
    assert contact["notify_roles"] == []
    assert contact["alert_minimal_severity"] is None
    assert contact["attack_path_minimal_risk_level"] == "Critical"


def test_defender_plan_extensions_come_as_strings() -> None:
    plan = n.defender_plan({"name": "VirtualMachines", "properties": {
        "pricingTier": "Standard", "subPlan": "P2",
        "extensions": [{"name": "MdeDesignatedSubscription", "isEnabled": "False"},
                       {"name": "AgentlessVmScanning", "isEnabled": "True"}]}})  # fmt: skip
    assert plan == {
        "name": "VirtualMachines",
        "pricing_tier": "Standard",
        "sub_plan": "P2",
        "enabled_extensions": ["AgentlessVmScanning"],
    }


def test_activity_log_alert_conditions_keep_any_of_and_contains_any() -> None:
    conditions = [
        {"field": "category", "equals": "ServiceHealth"},
        {"anyOf": [{"field": "properties.incidentType", "equals": "Incident"}]},
        {"field": "resourceType", "containsAny": ["microsoft.storage/storageaccounts"]},
    ]
    raw = {
        "id": f"{SUB}/resourceGroups/ops/providers/Microsoft.Insights/activityLogAlerts/a",
        "name": "a",
        "location": "Global",
        "properties": {"scopes": [SUB], "condition": {"allOf": conditions}},
    }
    config = _valid(n.activity_log_alert(raw))["config"]
    assert config["enabled"] is True
    assert config["conditions"][1]["any_of"][0]["equals"] == "Incident"
    assert config["conditions"][2]["contains_any"] == ["microsoft.storage/storageaccounts"]


def test_vm_with_vhd_disks_is_unmanaged() -> None:
    storage = {
        "osDisk": {"osType": "Windows", "vhd": {"uri": "https://x.blob.core.windows.net/v.vhd"}},
        "dataDisks": [
            {"lun": 0, "vhd": {"uri": "https://x/d.vhd"}},
            {"lun": 1, "managedDisk": {"id": "/d1"}},
        ],
    }
    raw = {
        "id": f"{SUB}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm",
        "name": "vm",
        "location": "westus",
        "properties": {
            "storageProfile": storage,
            "osProfile": {"adminPassword": "never-returned-anyway", "customData": "x"},
        },
    }
    config = _valid(n.virtual_machine(raw))["config"]
    assert config["os_disk_managed"] is False
    assert config["unmanaged_data_disks"] == 1
    assert config["data_disk_ids"] == ["/d1"]
    assert "never-returned-anyway" not in str(config)


def test_role_assignment_keeps_the_role_guid() -> None:
    raw = {"id": f"{SUB}/providers/Microsoft.Authorization/roleAssignments/b0f4", "name": "b0f4",
           "properties": {"roleDefinitionId": f"{SUB}/providers/Microsoft.Authorization/"
                          "roleDefinitions/18D7D88D-D35E-4FB5-A5C3-7773C20A72D9",
                          "principalId": "p", "principalType": "Group", "scope": "/"}}  # fmt: skip
    config = _valid(n.role_assignment(raw))["config"]
    assert config["role_definition_guid"] == "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"


def test_graph_rows_drop_instrumentation_keys() -> None:
    row = {"id": f"{SUB}/resourceGroups/ops/providers/microsoft.insights/components/ai",
           "name": "ai", "type": "microsoft.insights/components", "location": "eastus",
           "properties": {"Application_Type": "web", "InstrumentationKey": "k-123",
                          "ConnectionString": "InstrumentationKey=k-123"}}  # fmt: skip
    doc = n.from_graph_row(row)
    assert doc is not None
    assert "k-123" not in str(_valid(doc))
    assert n.from_graph_row({**row, "type": "microsoft.web/sites"}) is None


def test_timestamps_from_every_encoding_arm_uses() -> None:
    assert timestamp(1598533051) == "2020-08-27T12:57:31Z"
    assert timestamp("2024-01-01T00:00:00.0000000Z".replace(".0000000", "")) == (
        "2024-01-01T00:00:00Z"
    )
    assert timestamp("2024-01-01T02:00:00+02:00") == "2024-01-01T00:00:00Z"
    assert timestamp(None) is None


def _nic_payload() -> dict[str, Any]:
    nic = f"{SUB}/resourceGroups/net/providers/Microsoft.Network/networkInterfaces/vm-nic"
    vnet = f"{SUB}/resourceGroups/net/providers/Microsoft.Network/virtualNetworks/vnet"
    return {
        "id": nic,
        "name": "vm-nic",
        "type": "Microsoft.Network/networkInterfaces",
        "location": "eastus",
        "properties": {
            "ipConfigurations": [
                {
                    "id": f"{nic}/ipConfigurations/ipconfig1",
                    "name": "ipconfig1",
                    "properties": {
                        "privateIPAddress": "10.0.0.4",
                        "subnet": {"id": f"{vnet}/subnets/app"},
                        "publicIPAddress": {"id": "/pip-1"},
                    },
                },
                {
                    "id": f"{nic}/ipConfigurations/ipconfig2",
                    "name": "ipconfig2",
                    "properties": {
                        "privateIPAddress": "10.0.0.5",
                        "subnet": {"id": f"{vnet}/subnets/other"},
                    },
                },
            ],
            "networkSecurityGroup": {"id": "/nsg"},
            "virtualMachine": {"id": "/vm"},
            "macAddress": "00-0D-3A-1B-2C-3D",
        },
    }


def test_network_interface_names_its_vm_subnet_addresses_and_nsg() -> None:
    config = _valid(n.network_interface(_nic_payload()))["config"]
    assert config == {
        "virtual_machine_id": "/vm",
        "subnet_id": _nic_payload()["properties"]["ipConfigurations"][0]["properties"]["subnet"][
            "id"
        ],
        "private_ip_addresses": ["10.0.0.4", "10.0.0.5"],
        "public_ip_address_ids": ["/pip-1"],
        "network_security_group_id": "/nsg",
    }


def test_detached_network_interface_without_nsg() -> None:
    raw = _nic_payload()
    del raw["properties"]["virtualMachine"], raw["properties"]["networkSecurityGroup"]
    config = _valid(n.network_interface(raw))["config"]
    assert config["virtual_machine_id"] is None
    assert config["network_security_group_id"] is None


def test_public_ip_takes_the_api_defaults() -> None:
    raw = {
        "id": f"{SUB}/resourceGroups/net/providers/Microsoft.Network/publicIPAddresses/pip",
        "name": "pip",
        "location": "eastus",
        "properties": {},
    }
    config = _valid(n.public_ip(raw))["config"]
    assert config == {
        "ip_address": None,
        "sku": "Basic",
        "allocation_method": "Dynamic",
        "ip_configuration_id": None,
    }
    raw["sku"] = {"name": "Standard", "tier": "Regional"}
    raw["properties"] = {
        "ipAddress": "20.1.2.3",
        "publicIPAllocationMethod": "Static",
        "ipConfiguration": {"id": "/nic/ipConfigurations/ipconfig1"},
    }
    config = _valid(n.public_ip(raw))["config"]
    assert (config["sku"], config["ip_address"]) == ("Standard", "20.1.2.3")
    assert config["ip_configuration_id"] == "/nic/ipConfigurations/ipconfig1"


def test_virtual_machine_identity_and_network_interfaces() -> None:
    raw: dict[str, Any] = {
        "id": f"{SUB}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm",
        "name": "vm",
        "location": "eastus",
        "identity": {"type": "SystemAssigned", "principalId": "p-1", "tenantId": "t"},
        "properties": {
            "networkProfile": {"networkInterfaces": [{"id": "/nic-1"}, {"id": "/nic-2"}]}
        },
    }
    config = _valid(n.virtual_machine(raw))["config"]
    assert config["identity"] == {"type": "SystemAssigned", "principal_id": "p-1"}
    assert config["network_interface_ids"] == ["/nic-1", "/nic-2"]
    raw["identity"] = {"type": "UserAssigned", "userAssignedIdentities": {"/uami": {}}}
    assert _valid(n.virtual_machine(raw))["config"]["identity"] == {
        "type": "UserAssigned",
        "principal_id": None,
    }
    raw["identity"] = {"type": "None"}
    assert _valid(n.virtual_machine(raw))["config"]["identity"] is None
    del raw["identity"]
    assert _valid(n.virtual_machine(raw))["config"]["identity"] is None


def test_app_service_outbound_addresses_are_split() -> None:
    raw = {
        "id": f"{SUB}/resourceGroups/web/providers/Microsoft.Web/sites/app",
        "name": "app",
        "location": "East US",
        "identity": {"type": "SystemAssigned", "principalId": "p-app"},
        "properties": {"outboundIpAddresses": "20.49.104.10, 20.49.104.11,20.49.104.12"},
    }
    config = _valid(n.app_service(raw, None, None, unknown=("site_config",)))["config"]
    assert config["outbound_ip_addresses"] == ["20.49.104.10", "20.49.104.11", "20.49.104.12"]
    assert config["identity"] == {"type": "SystemAssigned", "principal_id": "p-app"}


def test_storage_public_containers_and_an_unlisted_container_set() -> None:
    raw = {
        "id": f"{SUB}/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/s",
        "name": "s",
        "location": "eastus",
        "properties": {},
    }
    containers = [
        {"name": "web", "properties": {"publicAccess": "Blob"}},
        {"name": "all", "properties": {"publicAccess": "Container"}},
        {"name": "private", "properties": {"publicAccess": "None"}},
        {"name": "unset", "properties": {}},
    ]
    doc = _valid(n.storage_account(raw, None, None, containers=containers))
    assert doc["config"]["public_containers"] == ["all", "web"]
    assert "unknown" not in doc
    unlisted = _valid(n.storage_account(raw, None, None, containers=None))
    assert unlisted["config"]["public_containers"] is None
    assert unlisted["unknown"] == ["public_containers"]
