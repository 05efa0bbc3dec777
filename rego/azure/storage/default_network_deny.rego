# METADATA
# title: Storage account firewalls deny access by default
# description: >-
#   With the default network action Allow, every network can reach the account's
#   endpoints; Deny admits only the listed networks, addresses and trusted services.
# custom:
#   id: AZURE-STORAGE-008
#   severity: MEDIUM
#   resource_type: azurerm_storage_account
#   remediation: >-
#     Set the network rule set's default action to Deny (az storage account update
#     --default-action Deny) and allow the networks that need access.
#   compliance:
#     CIS_Azure_v4.0: ["10.3.2.3", "2.2.1.2"]
#     PCI_DSS_v4.0: ["1.3.1"]
#     SOC2: ["CC6.6"]
package cspm.checks.azure.storage.default_network_deny

deny contains {"resource": id, "message": "the firewall's default action is Allow"} if {
	some id, account in input.resources.azurerm_storage_account
	account.config.network_rules.default_action == "Allow"
}
