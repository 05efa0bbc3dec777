# METADATA
# title: Databricks workspaces run in a customer-managed virtual network
# description: >-
#   Without VNet injection the workspace's clusters live in a network Databricks
#   manages, where the organization cannot apply its own network security groups,
#   routes, firewalls or private endpoints.
# custom:
#   id: AZURE-DATABRICKS-001
#   severity: MEDIUM
#   resource_type: azurerm_databricks_workspace
#   remediation: >-
#     Deploy the workspace into your own virtual network (VNet injection) with
#     dedicated host and container subnets; an existing workspace must be redeployed.
#   compliance:
#     CIS_Azure_v4.0: ["3.1.1"]
#     PCI_DSS_v4.0: ["1.3.1"]
#     SOC2: ["CC6.6"]
package cspm.checks.azure.databricks.vnet_injection

deny contains {"resource": id, "message": "the workspace is not deployed in a customer-managed virtual network"} if {
	some id, workspace in input.resources.azurerm_databricks_workspace
	not is_string(workspace.config.custom_virtual_network_id)
}
