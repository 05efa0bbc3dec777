# METADATA
# title: Key vault audit logging is enabled
# description: >-
#   Without a diagnostic setting sending the AuditEvent category (or the audit or
#   allLogs group) somewhere, there is no record of who read or changed keys and
#   secrets.
# custom:
#   id: AZURE-KEYVAULT-010
#   severity: MEDIUM
#   resource_type: azurerm_key_vault
#   remediation: >-
#     Add a diagnostic setting to the vault that sends the audit category group to a
#     Log Analytics workspace or storage account (az monitor diagnostic-settings
#     create).
#   compliance:
#     CIS_Azure_v4.0: ["7.1.1.4"]
#     PCI_DSS_v4.0: ["3.5.1", "8.3.2", "10.2.1", "10.3.2", "10.3.3", "10.3.4", "A1.2.1"]
#     SOC2: ["CC7.2", "CC7.3", "A1.2", "PI1.2"]
#     ISO_27001_2022: ["A.8.15"]
package cspm.checks.azure.keyvault.logging

import data.cspm.lib.azure.monitor

deny contains {"resource": id, "message": "no diagnostic setting sends the vault's AuditEvent logs anywhere"} if {
	some id, vault in input.resources.azurerm_key_vault
	not monitor.logs_category(vault.config.diagnostic_settings, "AuditEvent", {"audit", "alllogs"})
}
