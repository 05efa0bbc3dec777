# METADATA
# title: Storage accounts disallow cross-tenant object replication
# description: >-
#   Cross-tenant replication lets object replication policies copy blobs to accounts
#   in other Microsoft Entra tenants, outside the organization's control.
# custom:
#   id: AZURE-STORAGE-005
#   severity: MEDIUM
#   resource_type: azurerm_storage_account
#   remediation: >-
#     Set 'Allow cross-tenant replication' to Disabled (az storage account update
#     --allow-cross-tenant-replication false).
#   compliance:
#     CIS_Azure_v4.0: ["10.3.8"]
#     SOC2: ["CC6.1"]
package cspm.checks.azure.storage.cross_tenant_replication

deny contains {"resource": id, "message": "cross-tenant replication is allowed"} if {
	some id, account in input.resources.azurerm_storage_account
	account.config.allow_cross_tenant_replication
}
