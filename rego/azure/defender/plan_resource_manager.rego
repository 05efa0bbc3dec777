# METADATA
# title: Microsoft Defender for Resource Manager is on
# description: >-
#   The Defender plan Arm on the Standard tier provides detection of suspicious
#   management operations through Azure Resource Manager; on the Free tier none of it
#   runs.
# custom:
#   id: AZURE-DEFENDER-010
#   severity: MEDIUM
#   resource_type: azurerm_subscription
#   remediation: >-
#     Turn the Arm plan on in Defender for Cloud's environment settings (az security
#     pricing create -n Arm --tier standard).
#   compliance:
#     CIS_Azure_v4.0: ["9.1.9.1"]
#     PCI_DSS_v4.0: ["11.5.1"]
#     SOC2: ["CC7.2"]
package cspm.checks.azure.defender.plan_resource_manager

import data.cspm.lib.azure.defender

plan := "Arm"

deny contains {"resource": id, "message": defender.plan_message(subscription.config.defender_plans, plan)} if {
	some id, subscription in input.resources.azurerm_subscription
	not defender.plan_on(subscription.config.defender_plans, plan)
}
