# METADATA
# title: Microsoft Defender for SQL servers on machines is on
# description: >-
#   The Defender plan SqlServerVirtualMachines on the Standard tier provides
#   vulnerability assessment and threat protection for SQL Server running on virtual
#   machines; on the Free tier none of it runs.
# custom:
#   id: AZURE-DEFENDER-008
#   severity: MEDIUM
#   resource_type: azurerm_subscription
#   remediation: >-
#     Turn the SqlServerVirtualMachines plan on in Defender for Cloud's environment
#     settings (az security pricing create -n SqlServerVirtualMachines --tier
#     standard).
#   compliance:
#     CIS_Azure_v4.0: ["9.1.7.4"]
#     PCI_DSS_v4.0: ["11.5.1"]
#     SOC2: ["CC7.2"]
package cspm.checks.azure.defender.plan_sql_on_machines

import data.cspm.lib.azure.defender

plan := "SqlServerVirtualMachines"

deny contains {"resource": id, "message": defender.plan_message(subscription.config.defender_plans, plan)} if {
	some id, subscription in input.resources.azurerm_subscription
	not defender.plan_on(subscription.config.defender_plans, plan)
}
