# METADATA
# title: Storage account firewalls let trusted Azure services through
# description: >-
#   Azure Backup, Monitor, Event Grid and other trusted services reach a firewalled
#   account only through the AzureServices bypass; without it, logs and backups
#   silently fail.
# custom:
#   id: AZURE-STORAGE-009
#   severity: LOW
#   resource_type: azurerm_storage_account
#   remediation: >-
#     Enable 'Allow Azure services on the trusted services list to access this storage
#     account' (az storage account update --bypass AzureServices).
#   compliance:
#     CIS_Azure_v4.0: ["10.3.5"]
#     PCI_DSS_v4.0: ["7.2.1", "7.2.2", "7.2.5", "7.2.6", "7.3.1", "7.3.2", "7.3.3", "8.2.7",
#       "8.2.8", "8.3.4", "10.6.3", "11.5.2", "11.6.1", "12.10.5", "A3.3.1", "A3.5.1"]
#     SOC2: ["CC6.6"]
#     ISO_27001_2022: ["A.8.2", "A.8.3"]
package cspm.checks.azure.storage.trusted_services

deny contains {"resource": id, "message": "trusted Azure services cannot bypass the firewall"} if {
	some id, account in input.resources.azurerm_storage_account
	not "AzureServices" in account.config.network_rules.bypass
}
