"""More ARM REST payloads for the local Azure: network, App Service, compute, access
control, Resource Graph rows and subscription-level settings (see
:mod:`cspm_opa.localclouds.azure_rest`)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from cspm_opa.localclouds.azure_cloud import TENANT_ID
from cspm_opa.localclouds.azure_rest import ArmWriter, diag, guid
from cspm_opa.testing.azure_builders import DEFENDER_PLANS
from cspm_opa.testing.builders import deep_merge

__all__ = ["DEFENDER_PLANS", "OpsWriter"]


# The extensions each enabled plan carries in the demo (Containers also assesses registry
# images for vulnerabilities).
_PLAN_EXTENSIONS = {
    "VirtualMachines": ("AgentlessVmScanning",),
    "Containers": ("AgentlessVmScanning", "ContainerRegistriesVulnerabilityAssessments"),
}


def _extensions(plan: str) -> list[dict[str, str]]:
    names = _PLAN_EXTENSIONS.get(plan, ("AgentlessVmScanning",))
    return [{"name": name, "isEnabled": "True"} for name in names]


PERIODIC_UPDATES = "90386950-71ca-4357-a12e-486d1679427c"
"""Defender's 'Machines should be configured to periodically check for missing system
updates' assessment key."""


class OpsWriter(ArmWriter):
    """Writes the non-data services of one subscription."""

    # --- network ----------------------------------------------------------------------

    def nsg(
        self,
        name: str,
        rules: Sequence[tuple[str, str, str, str]],
        *,
        rg: str = "network",
        location: str = "eastus",
    ) -> str:
        """``rules``: (name, protocol, source prefix, destination port range)."""
        rid = self.rid(rg, "Microsoft.Network/networkSecurityGroups", name)
        security_rules = [
            {
                "id": f"{rid}/securityRules/{rule}",
                "name": rule,
                "type": "Microsoft.Network/networkSecurityGroups/securityRules",
                "properties": {
                    "provisioningState": "Succeeded",
                    "protocol": protocol,
                    "sourcePortRange": "*",
                    "destinationPortRange": port,
                    "sourceAddressPrefix": source,
                    "destinationAddressPrefix": "*",
                    "access": "Allow",
                    "priority": 100 + 10 * i,
                    "direction": "Inbound",
                    "sourcePortRanges": [],
                    "destinationPortRanges": [],
                    "sourceAddressPrefixes": [],
                    "destinationAddressPrefixes": [],
                },
            }
            for i, (rule, protocol, source, port) in enumerate(rules)
        ]
        default_rules = [
            {
                "id": f"{rid}/defaultSecurityRules/AllowVnetInBound",
                "name": "AllowVnetInBound",
                "properties": {
                    "protocol": "*",
                    "sourceAddressPrefix": "VirtualNetwork",
                    "destinationPortRange": "*",
                    "access": "Allow",
                    "priority": 65000,
                    "direction": "Inbound",
                },
            }
        ]
        self._add(
            "providers/Microsoft.Network/networkSecurityGroups",
            {
                "id": rid,
                "name": name,
                "type": "Microsoft.Network/networkSecurityGroups",
                "location": location,
                "etag": 'W/"00000000-0000-0000-0000-000000000000"',
                "properties": {
                    "provisioningState": "Succeeded",
                    "securityRules": security_rules,
                    "defaultSecurityRules": default_rules,
                    "subnets": [{"id": f"{self.sub}/resourceGroups/{rg}/subnets/{name}"}],
                },
            },
        )
        return rid

    def public_ip(
        self,
        name: str,
        address: str,
        *,
        rg: str = "network",
        sku: str = "Standard",
        ip_configuration: str | None = None,
    ) -> str:
        """A static IPv4 public IP address, associated with ``ip_configuration``."""
        rid = self.rid(rg, "Microsoft.Network/publicIPAddresses", name)
        props: dict[str, Any] = {
            "provisioningState": "Succeeded",
            "resourceGuid": guid(rid),
            "ipAddress": address,
            "publicIPAddressVersion": "IPv4",
            "publicIPAllocationMethod": "Static" if sku == "Standard" else "Dynamic",
            "idleTimeoutInMinutes": 4,
            "ipTags": [],
        }
        if ip_configuration:
            props["ipConfiguration"] = {"id": ip_configuration}
        self._add(
            "providers/Microsoft.Network/publicIPAddresses",
            {
                "id": rid,
                "name": name,
                "type": "Microsoft.Network/publicIPAddresses",
                "location": "eastus",
                "etag": 'W/"00000000-0000-0000-0000-000000000000"',
                "sku": {"name": sku, "tier": "Regional"},
                "properties": props,
            },
        )
        return rid

    def nic(
        self,
        name: str,
        *,
        rg: str = "network",
        vm: str | None = None,
        subnet: str = "default",
        private_ip: str = "10.0.0.4",
        public_address: str | None = None,
        nsg: str | None = None,
    ) -> str:
        """A network interface with one IP configuration in ``subnet`` of the
        subscription's VNet; ``public_address`` adds a Standard public IP for it."""
        rid = self.rid(rg, "Microsoft.Network/networkInterfaces", name)
        ipconfig = f"{rid}/ipConfigurations/ipconfig1"
        vnet = self.rid("network", "Microsoft.Network/virtualNetworks", "vnet")
        config: dict[str, Any] = {
            "provisioningState": "Succeeded",
            "privateIPAddress": private_ip,
            "privateIPAllocationMethod": "Dynamic",
            "privateIPAddressVersion": "IPv4",
            "subnet": {"id": f"{vnet}/subnets/{subnet}"},
            "primary": True,
        }
        if public_address:
            config["publicIPAddress"] = {
                "id": self.public_ip(f"{name}-pip", public_address, ip_configuration=ipconfig)
            }
        props: dict[str, Any] = {
            "provisioningState": "Succeeded",
            "resourceGuid": guid(rid),
            "ipConfigurations": [
                {
                    "id": ipconfig,
                    "name": "ipconfig1",
                    "type": "Microsoft.Network/networkInterfaces/ipConfigurations",
                    "properties": config,
                }
            ],
            "dnsSettings": {"dnsServers": [], "appliedDnsServers": []},
            "macAddress": "00-0D-3A-1B-2C-3D",
            "enableAcceleratedNetworking": True,
            "enableIPForwarding": False,
            "primary": True,
            "nicType": "Standard",
        }
        if vm:
            props["virtualMachine"] = {"id": vm}
        if nsg:
            props["networkSecurityGroup"] = {"id": nsg}
        self._add(
            "providers/Microsoft.Network/networkInterfaces",
            {
                "id": rid,
                "name": name,
                "type": "Microsoft.Network/networkInterfaces",
                "location": "eastus",
                "etag": 'W/"00000000-0000-0000-0000-000000000000"',
                "properties": props,
            },
        )
        return rid

    def network_watcher(self, location: str) -> str:
        name = f"NetworkWatcher_{location}"
        rid = self.rid("NetworkWatcherRG", "Microsoft.Network/networkWatchers", name)
        self._add(
            "providers/Microsoft.Network/networkWatchers",
            {
                "id": rid,
                "name": name,
                "type": "Microsoft.Network/networkWatchers",
                "location": location,
                "properties": {"provisioningState": "Succeeded"},
            },
        )
        self.cloud.put_list(f"{rid}/flowLogs", [])
        return rid

    def flow_log(
        self, watcher: str, name: str, target: str, *, days: int = 90, enabled: bool = True
    ) -> str:
        rid = f"{watcher}/flowLogs/{name}"
        self.cloud.append(
            f"{watcher}/flowLogs",
            {
                "id": rid,
                "name": name,
                "type": "Microsoft.Network/networkWatchers/FlowLogs",
                "location": watcher.rsplit("_", 1)[-1],
                "properties": {
                    "targetResourceId": target,
                    "storageId": self.rid("ops", "Microsoft.Storage/storageAccounts", "flowlogs"),
                    "enabled": enabled,
                    "retentionPolicy": {"days": days, "enabled": True},
                    "format": {"type": "JSON", "version": 2},
                    "flowAnalyticsConfiguration": {
                        "networkWatcherFlowAnalyticsConfiguration": {
                            "enabled": True,
                            "workspaceResourceId": self.workspace,
                            "trafficAnalyticsInterval": 10,
                        }
                    },
                    "provisioningState": "Succeeded",
                },
            },
        )
        return rid

    def bastion(self, name: str) -> str:
        rid = self.rid("network", "Microsoft.Network/bastionHosts", name)
        self._add(
            "providers/Microsoft.Network/bastionHosts",
            {
                "id": rid,
                "name": name,
                "type": "Microsoft.Network/bastionHosts",
                "location": "eastus",
                "sku": {"name": "Standard"},
                "properties": {"provisioningState": "Succeeded", "dnsName": f"{name}.bastion"},
            },
        )
        return rid

    # --- App Service, compute ---------------------------------------------------------

    def web_app(
        self,
        name: str,
        *,
        rg: str = "web",
        https_only: bool = True,
        site_config: Mapping[str, Any] | None = None,
        logged: bool = True,
        outbound: Sequence[str] = ("20.49.104.10", "20.49.104.11", "20.49.104.12"),
    ) -> str:
        rid = self.rid(rg, "Microsoft.Web/sites", name)
        self._add(
            "providers/Microsoft.Web/sites",
            {
                "id": rid,
                "name": name,
                "type": "Microsoft.Web/sites",
                "kind": "app,linux",
                "location": "East US",
                "identity": {
                    "type": "SystemAssigned",
                    "principalId": guid(name),
                    "tenantId": TENANT_ID,
                },
                "properties": {
                    "state": "Running",
                    "outboundIpAddresses": ",".join(outbound),
                    "possibleOutboundIpAddresses": ",".join([*outbound, "20.49.104.13"]),
                    "enabled": True,
                    "hostNames": [f"{name}.azurewebsites.net"],
                    "httpsOnly": https_only,
                    "clientCertEnabled": True,
                    "publicNetworkAccess": "Enabled",
                },
            },
        )
        self.cloud.put(
            f"{rid}/config/web",
            {
                "id": f"{rid}/config/web",
                "name": name,
                "type": "Microsoft.Web/sites/config",
                "properties": deep_merge(
                    {
                        "numberOfWorkers": 1,
                        "minTlsVersion": "1.2",
                        "scmMinTlsVersion": "1.2",
                        "ftpsState": "Disabled",
                        "http20Enabled": True,
                        "remoteDebuggingEnabled": False,
                    },
                    site_config or {},
                ),
            },
        )
        settings = [diag(rid, ["AppServiceHTTPLogs"], self.workspace)] if logged else []
        self._diagnostics(rid, settings)
        return rid

    def vm(
        self,
        name: str,
        *,
        rg: str = "compute",
        unmanaged: bool = False,
        identity: str | None = None,
        public_address: str | None = None,
        nsg: str | None = None,
        private_ip: str | None = None,
    ) -> str:
        """A VM with one network interface (``public_address`` gives it a Standard public
        IP, ``nsg`` an NSG on the interface); ``identity`` is the principal id of a
        system-assigned identity."""
        rid = self.rid(rg, "Microsoft.Compute/virtualMachines", name)
        nic = self.nic(
            f"{name}-nic",
            vm=rid,
            private_ip=private_ip or f"10.0.0.{4 + int(guid(name)[:2], 16) % 240}",
            public_address=public_address,
            nsg=nsg,
        )
        os_disk: dict[str, Any] = {
            "osType": "Linux",
            "name": f"{name}-os",
            "createOption": "FromImage",
            "caching": "ReadWrite",
            "diskSizeGB": 30,
        }
        if unmanaged:
            os_disk["vhd"] = {"uri": f"https://legacyvhds.blob.core.windows.net/vhds/{name}.vhd"}
        else:
            os_disk["managedDisk"] = {
                "storageAccountType": "Premium_LRS",
                "id": self.rid(rg, "Microsoft.Compute/disks", f"{name}-os"),
            }
        payload: dict[str, Any] = {
            "id": rid,
            "name": name,
            "type": "Microsoft.Compute/virtualMachines",
            "location": "eastus",
            "properties": {
                "vmId": guid(name),
                "hardwareProfile": {"vmSize": "Standard_D2s_v5"},
                "storageProfile": {"osDisk": os_disk, "dataDisks": []},
                "osProfile": {"computerName": name, "adminUsername": "azureuser"},
                "networkProfile": {
                    "networkInterfaces": [{"id": nic, "properties": {"primary": True}}]
                },
                "securityProfile": {"encryptionAtHost": True, "securityType": "TrustedLaunch"},
                "provisioningState": "Succeeded",
            },
        }
        if identity:
            payload["identity"] = {
                "type": "SystemAssigned",
                "principalId": identity,
                "tenantId": TENANT_ID,
            }
        self._add("providers/Microsoft.Compute/virtualMachines", payload)
        return rid

    def disk(self, name: str, *, rg: str = "compute", network_access: str = "DenyAll") -> str:
        rid = self.rid(rg, "Microsoft.Compute/disks", name)
        self._add(
            "providers/Microsoft.Compute/disks",
            {
                "id": rid,
                "name": name,
                "type": "Microsoft.Compute/disks",
                "location": "eastus",
                "managedBy": self.rid(rg, "Microsoft.Compute/virtualMachines", "app-1"),
                "sku": {"name": "Premium_LRS", "tier": "Premium"},
                "properties": {
                    "diskSizeGB": 128,
                    "diskState": "Attached",
                    "encryption": {"type": "EncryptionAtRestWithPlatformKey"},
                    "networkAccessPolicy": network_access,
                    "publicNetworkAccess": "Enabled"
                    if network_access == "AllowAll"
                    else "Disabled",
                    "provisioningState": "Succeeded",
                },
            },
        )
        return rid

    # --- access control ---------------------------------------------------------------

    def role_assignment(
        self,
        role: str,
        principal: str,
        scope: str | None = None,
        *,
        principal_type: str = "User",
    ) -> str:
        name = guid(self.sid, role, principal)
        rid = f"{self.sub}/providers/Microsoft.Authorization/roleAssignments/{name}"
        self.cloud.append(
            f"{self.sub}/providers/Microsoft.Authorization/roleAssignments",
            {
                "id": rid,
                "name": name,
                "type": "Microsoft.Authorization/roleAssignments",
                "properties": {
                    "roleDefinitionId": (
                        f"{self.sub}/providers/Microsoft.Authorization/roleDefinitions/{role}"
                    ),
                    "principalId": principal,
                    "principalType": principal_type,
                    "scope": scope or self.sub,
                    "createdOn": "2026-01-15T10:00:00.0000000Z",
                },
            },
        )
        return rid

    def custom_role(self, name: str, actions: Sequence[str]) -> str:
        role_guid = guid(self.sid, "role", name)
        rid = f"{self.sub}/providers/Microsoft.Authorization/roleDefinitions/{role_guid}"
        self.cloud.append(
            f"{self.sub}/providers/Microsoft.Authorization/roleDefinitions",
            {
                "id": rid,
                "name": role_guid,
                "type": "Microsoft.Authorization/roleDefinitions",
                "properties": {
                    "roleName": name,
                    "type": "CustomRole",
                    "description": f"{name} (custom)",
                    "assignableScopes": [self.sub],
                    "permissions": [
                        {"actions": list(actions), "notActions": [], "dataActions": []}
                    ],
                },
            },
        )
        return rid

    # --- Resource Graph rows ----------------------------------------------------------

    def databricks(self, name: str, *, vnet: bool = True, cmk: bool = True) -> str:
        rid = self.rid("analytics", "Microsoft.Databricks/workspaces", name)
        key = {"keySource": "Microsoft.Keyvault", "keyVaultProperties": {"keyName": "dbx"}}
        parameters: dict[str, Any] = {"enableNoPublicIp": {"type": "Bool", "value": True}}
        if vnet:
            parameters["customVirtualNetworkId"] = {
                "type": "String",
                "value": self.rid("network", "Microsoft.Network/virtualNetworks", "dbx-vnet"),
            }
        if cmk:
            parameters["encryption"] = {
                "type": "Object",
                "value": {"KeySource": "Microsoft.Keyvault", "KeyName": "dbfs"},
            }
        row = {
            "id": rid,
            "name": name,
            "type": "microsoft.databricks/workspaces",
            "location": "eastus",
            "subscriptionId": self.sid,
            "resourceGroup": "analytics",
            "sku": {"name": "premium"},
            "tags": {},
            "properties": {
                "parameters": parameters,
                "encryption": {"entities": {"managedServices": key, "managedDisk": key}}
                if cmk
                else {},
                "publicNetworkAccess": "Disabled",
                "provisioningState": "Succeeded",
            },
        }
        self.cloud.add_graph_rows([row])
        self.cloud.append(f"{self.sub}/resources", {k: row[k] for k in ("id", "name", "location")})
        return rid

    def app_insights(self, name: str) -> str:
        rid = self.rid("ops", "microsoft.insights/components", name)
        self.cloud.add_graph_rows(
            [
                {
                    "id": rid,
                    "name": name,
                    "type": "microsoft.insights/components",
                    "location": "eastus",
                    "subscriptionId": self.sid,
                    "kind": "web",
                    "properties": {
                        "Application_Type": "web",
                        "IngestionMode": "LogAnalytics",
                        "WorkspaceResourceId": self.workspace,
                        "InstrumentationKey": "planted-instrumentation-key",
                        "ConnectionString": "InstrumentationKey=planted-instrumentation-key",
                    },
                }
            ]
        )
        return rid

    # --- subscription-level settings --------------------------------------------------

    def update_assessment(self, vm_id: str, status: str, *, key: str = PERIODIC_UPDATES) -> None:
        """Defender's system-updates assessment of a machine (Healthy, Unhealthy or
        NotApplicable), listed under the subscription's Microsoft.Security/assessments."""
        self.cloud.append(
            f"{self.sub}/providers/Microsoft.Security/assessments",
            {
                "id": f"{vm_id}/providers/Microsoft.Security/assessments/{key}",
                "name": key,
                "type": "Microsoft.Security/assessments",
                "properties": {
                    "displayName": "Machines should be configured to periodically check for "
                    "missing system updates",
                    "status": {"code": status},
                    "resourceDetails": {"Source": "Azure", "Id": vm_id},
                },
            },
        )

    def defender(self, standard: Iterable[str]) -> None:
        on = set(standard)
        self.cloud.put_list(
            f"{self.sub}/providers/Microsoft.Security/pricings",
            [
                {
                    "id": f"{self.sub}/providers/Microsoft.Security/pricings/{plan}",
                    "name": plan,
                    "type": "Microsoft.Security/pricings",
                    "properties": {
                        "pricingTier": "Standard" if plan in on else "Free",
                        "subPlan": "P2" if plan == "VirtualMachines" and plan in on else None,
                        "freeTrialRemainingTime": "PT0S",
                        "extensions": _extensions(plan) if plan in on else [],
                    },
                }
                for plan in DEFENDER_PLANS
            ],
            paged=False,
        )

    def security_contact(
        self, *, emails: str, roles: Sequence[str], alerts: bool, attack_paths: bool
    ) -> None:
        sources: list[dict[str, Any]] = []
        if alerts:
            sources.append({"sourceType": "Alert", "minimalSeverity": "Medium"})
        if attack_paths:
            sources.append({"sourceType": "AttackPath", "minimalRiskLevel": "Critical"})
        self.cloud.put_list(
            f"{self.sub}/providers/Microsoft.Security/securityContacts",
            [
                {
                    "id": f"{self.sub}/providers/Microsoft.Security/securityContacts/default",
                    "name": "default",
                    "type": "Microsoft.Security/securityContacts",
                    "properties": {
                        "emails": emails,
                        "phone": "+1-555-0100",
                        "isEnabled": True,
                        "notificationsSources": sources,
                        "notificationsByRole": {
                            "state": "On" if roles else "Off",
                            "roles": list(roles),
                        },
                    },
                }
            ],
        )
        security = f"{self.sub}/providers/Microsoft.Security"
        self.cloud.put_list(
            f"{security}/autoProvisioningSettings",
            [
                {
                    "id": f"{security}/autoProvisioningSettings/default",
                    "name": "default",
                    "type": "Microsoft.Security/autoProvisioningSettings",
                    "properties": {"autoProvision": "On" if alerts else "Off"},
                }
            ],
        )

    def activity_log_export(self, name: str, categories: Iterable[str], storage: str) -> str:
        rid = f"{self.sub}/providers/microsoft.insights/diagnosticSettings/{name}"
        self.cloud.append(
            f"{self.sub}/providers/Microsoft.Insights/diagnosticSettings",
            {
                "id": rid,
                "name": name,
                "type": None,
                "properties": {
                    "storageAccountId": storage,
                    "workspaceId": self.workspace,
                    "logs": [{"category": c, "enabled": True} for c in categories],
                },
            },
        )
        return rid

    def alert(self, watched: str, *, enabled: bool = True) -> str:
        name = watched.replace("/", "-").replace(".", "-").lower()
        rid = self.rid("ops", "Microsoft.Insights/activityLogAlerts", name)
        if watched == "ServiceHealth":
            conditions: list[dict[str, Any]] = [{"field": "category", "equals": "ServiceHealth"}]
        else:
            conditions = [
                {"field": "category", "equals": "Administrative"},
                {"anyOf": [{"field": "operationName", "equals": watched}]},
            ]
        self.cloud.append(
            f"{self.sub}/providers/Microsoft.Insights/activityLogAlerts",
            {
                "id": rid,
                "name": name,
                "type": "Microsoft.Insights/ActivityLogAlerts",
                "location": "Global",
                "properties": {
                    "scopes": [self.sub],
                    "condition": {"allOf": conditions},
                    "actions": {
                        "actionGroups": [
                            {
                                "actionGroupId": self.rid(
                                    "ops", "microsoft.insights/actionGroups", "secops"
                                )
                            }
                        ]
                    },
                    "enabled": enabled,
                    "description": f"alert on {watched}",
                },
            },
        )
        return rid
