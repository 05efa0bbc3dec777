# METADATA
# title: Microsoft Defender for Storage is on
# description: >-
#   The Defender plan StorageAccounts on the Standard tier provides detection of
#   malware uploads, data exfiltration and unusual access to storage accounts; on the
#   Free tier none of it runs.
# custom:
#   id: AZURE-DEFENDER-003
#   severity: MEDIUM
#   resource_type: azurerm_subscription
#   remediation: >-
#     Turn the StorageAccounts plan on in Defender for Cloud's environment settings
#     (az security pricing create -n StorageAccounts --tier standard).
#   compliance:
#     CIS_Azure_v4.0: ["9.1.5.1"]
#     PCI_DSS_v4.0: ["11.5.1"]
#     SOC2: ["CC7.2"]
package cspm.checks.azure.defender.plan_storage

import data.cspm.lib.azure.defender

plan := "StorageAccounts"

deny contains {"resource": id, "message": defender.plan_message(subscription.config.defender_plans, plan)} if {
	some id, subscription in input.resources.azurerm_subscription
	not defender.plan_on(subscription.config.defender_plans, plan)
}
