# METADATA
# title: Microsoft Defender for Azure SQL Databases is on
# description: >-
#   The Defender plan SqlServers on the Standard tier provides vulnerability
#   assessment and threat protection for Azure SQL databases and managed instances; on
#   the Free tier none of it runs.
# custom:
#   id: AZURE-DEFENDER-007
#   severity: MEDIUM
#   resource_type: azurerm_subscription
#   remediation: >-
#     Turn the SqlServers plan on in Defender for Cloud's environment settings (az
#     security pricing create -n SqlServers --tier standard).
#   compliance:
#     CIS_Azure_v4.0: ["9.1.7.3"]
#     PCI_DSS_v4.0: ["11.5.1"]
#     SOC2: ["CC3.1", "CC3.2", "CC4.2", "CC6.8", "CC7.1", "CC7.2"]
#     ISO_27001_2022: ["A.5.19", "A.5.21", "A.5.25", "A.5.28", "A.5.29", "A.8.7", "A.8.9"]
package cspm.checks.azure.defender.plan_sql_databases

import data.cspm.lib.azure.defender

plan := "SqlServers"

deny contains {"resource": id, "message": defender.plan_message(subscription.config.defender_plans, plan)} if {
	some id, subscription in input.resources.azurerm_subscription
	not defender.plan_on(subscription.config.defender_plans, plan)
}
