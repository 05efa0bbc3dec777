# METADATA
# title: Databricks workspaces encrypt with customer managed keys
# description: >-
#   Customer managed keys for managed services (notebooks, secrets, queries), managed
#   disks and the DBFS root let the organization revoke access to workspace data by
#   revoking the key.
# custom:
#   id: AZURE-DATABRICKS-002
#   severity: LOW
#   resource_type: azurerm_databricks_workspace
#   remediation: >-
#     Configure customer managed keys for managed services, managed disks and DBFS on
#     the workspace (Premium tier), with keys in a recoverable Key Vault.
#   compliance:
#     CIS_Azure_v4.0: ["3.1.8"]
#     PCI_DSS_v4.0: ["3.5.1"]
#     SOC2: ["CC6.1"]
package cspm.checks.azure.databricks.customer_managed_keys

deny contains {"resource": id, "message": sprintf("not encrypted with a customer managed key: %s", [concat(", ", sort(missing))])} if {
	some id, workspace in input.resources.azurerm_databricks_workspace
	checks := {
		"managed services": workspace.config.managed_services_cmk,
		"managed disks": workspace.config.managed_disk_cmk,
		"DBFS root": workspace.config.dbfs_cmk,
	}
	missing := {part | some part, on in checks; not on}
	count(missing) > 0
}
