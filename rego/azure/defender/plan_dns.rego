# METADATA
# title: Microsoft Defender for DNS is on
# description: >-
#   The Defender plan Dns on the Standard tier provides detection of DNS-based data
#   exfiltration, malware communication and DNS attacks (a legacy plan, folded into
#   Defender for Servers Plan 2); on the Free tier none of it runs.
# custom:
#   id: AZURE-DEFENDER-011
#   severity: MEDIUM
#   resource_type: azurerm_subscription
#   remediation: >-
#     Turn the Dns plan on in Defender for Cloud's environment settings (az security
#     pricing create -n Dns --tier standard).
#   compliance:
#     CIS_Azure_v4.0: ["9.1.17"]
#     PCI_DSS_v4.0: ["11.5.1"]
#     SOC2: ["CC7.2"]
package cspm.checks.azure.defender.plan_dns

import data.cspm.lib.azure.defender

plan := "Dns"

deny contains {"resource": id, "message": defender.plan_message(subscription.config.defender_plans, plan)} if {
	some id, subscription in input.resources.azurerm_subscription
	not defender.plan_on(subscription.config.defender_plans, plan)
}
