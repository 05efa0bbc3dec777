# METADATA
# title: Storage accounts default to Microsoft Entra authorization in the portal
# description: >-
#   Without this default the Azure portal reads data with the account key, which
#   bypasses role-based access control for people browsing the account.
# custom:
#   id: AZURE-STORAGE-006
#   severity: LOW
#   resource_type: azurerm_storage_account
#   remediation: >-
#     Set 'Default to Microsoft Entra authorization in the Azure portal' to Enabled
#     (az storage account update --default-to-oauth-authentication true).
#   compliance:
#     CIS_Azure_v4.0: ["10.3.3.1"]
#     SOC2: ["CC6.1"]
package cspm.checks.azure.storage.default_oauth

deny contains {"resource": id, "message": "the portal does not default to Microsoft Entra authorization"} if {
	some id, account in input.resources.azurerm_storage_account
	not account.config.default_to_oauth_authentication
}
