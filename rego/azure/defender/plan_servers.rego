# METADATA
# title: Microsoft Defender for Servers is on
# description: >-
#   The Defender plan VirtualMachines on the Standard tier provides threat detection,
#   vulnerability assessment and just-in-time access for virtual machines and Arc
#   servers; on the Free tier none of it runs.
# custom:
#   id: AZURE-DEFENDER-001
#   severity: MEDIUM
#   resource_type: azurerm_subscription
#   remediation: >-
#     Turn the VirtualMachines plan on in Defender for Cloud's environment settings
#     (az security pricing create -n VirtualMachines --tier standard).
#   compliance:
#     CIS_Azure_v4.0: ["9.1.3.1"]
#     PCI_DSS_v4.0: ["11.5.1"]
#     SOC2: ["CC7.2"]
package cspm.checks.azure.defender.plan_servers

import data.cspm.lib.azure.defender

plan := "VirtualMachines"

deny contains {"resource": id, "message": defender.plan_message(subscription.config.defender_plans, plan)} if {
	some id, subscription in input.resources.azurerm_subscription
	not defender.plan_on(subscription.config.defender_plans, plan)
}
