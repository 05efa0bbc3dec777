# METADATA
# title: Microsoft Defender for Azure Cosmos DB is on
# description: >-
#   The Defender plan CosmosDbs on the Standard tier provides detection of SQL
#   injection, suspicious access and data exfiltration in Cosmos DB accounts; on the
#   Free tier none of it runs.
# custom:
#   id: AZURE-DEFENDER-005
#   severity: MEDIUM
#   resource_type: azurerm_subscription
#   remediation: >-
#     Turn the CosmosDbs plan on in Defender for Cloud's environment settings (az
#     security pricing create -n CosmosDbs --tier standard).
#   compliance:
#     CIS_Azure_v4.0: ["9.1.7.1"]
#     PCI_DSS_v4.0: ["11.5.1"]
#     SOC2: ["CC7.2"]
package cspm.checks.azure.defender.plan_cosmos_db

import data.cspm.lib.azure.defender

plan := "CosmosDbs"

deny contains {"resource": id, "message": defender.plan_message(subscription.config.defender_plans, plan)} if {
	some id, subscription in input.resources.azurerm_subscription
	not defender.plan_on(subscription.config.defender_plans, plan)
}
