# METADATA
# title: Defender for Cloud checks machines for missing OS updates, and none is missing
# description: >-
#   Defender's system-updates recommendations report machines that are not set to check
#   for missing updates periodically, or that miss security and critical updates. An
#   unhealthy one is a machine whose OS patches nobody is tracking or applying.
# custom:
#   id: AZURE-DEFENDER-016
#   severity: MEDIUM
#   resource_type: azurerm_subscription
#   remediation: >-
#     Set the machines' patch assessment mode to AutomaticByPlatform (or assign the
#     'Configure periodic checking for missing system updates' policy) and apply the
#     missing updates that Defender for Cloud's recommendations list.
#   compliance:
#     CIS_Azure_v4.0: ["9.1.10"]
#     PCI_DSS_v4.0: ["6.3.3"]
#     SOC2: ["CC3.1", "CC3.2", "CC4.2", "CC6.8", "CC7.1"]
#     NIST_800_53_r5: ["CM-2(a)", "CM-2(b)", "CM-2(b)(1)", "CM-2(b)(2)", "CM-2(b)(3)", "CM-2(2)",
#       "CM-3(3)", "CM-6", "CM-8(1)", "CM-8(3)(a)", "CM-8(6)", "CM-8(a)", "CM-8(a)(1)",
#       "CM-8(a)(2)", "CM-8(a)(3)", "CM-8(a)(4)", "CM-8(a)(5)", "CM-8(b)", "RA-3(a)(1)", "SI-2(5)",
#       "SI-2(2)", "SI-2(c)", "SI-2(d)", "SI-3(c)(2)"]
#     ISO_27001_2022: ["A.8.8"]
package cspm.checks.azure.defender.system_updates

deny contains {"resource": id, "message": sprintf("%s: %s", [assessment.display_name, assessment.resource_id])} if {
	some id, subscription in input.resources.azurerm_subscription
	some assessment in subscription.config.system_update_assessments
	assessment.status == "Unhealthy"
}
