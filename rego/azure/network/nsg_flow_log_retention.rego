# METADATA
# title: Network security group flow logs are kept for at least 90 days
# description: >-
#   Flow logs of network security groups are the record of who talked to what; a
#   retention below 90 days (0 keeps them for ever) or a disabled flow log loses that
#   record before most incidents are found. Applies to flow logs whose target is a
#   network security group.
# custom:
#   id: AZURE-NETWORK-005
#   severity: LOW
#   resource_type: azurerm_network_watcher_flow_log
#   remediation: >-
#     Enable the flow log and set its retention to 90 days or more, or to 0 to keep
#     logs for ever (az network watcher flow-log update --retention 90).
#   compliance:
#     CIS_Azure_v4.0: ["8.5"]
#     PCI_DSS_v4.0: ["5.3.4", "10.2.1", "10.2.1.1", "10.2.1.2", "10.2.1.3", "10.2.1.4", "10.2.1.5",
#       "10.2.1.6", "10.2.1.7", "10.2.2", "10.3.1", "10.5.1", "10.6.3", "A1.2.1"]
#     SOC2: ["CC7.2", "CC7.3", "A1.2", "C1.2", "PI1.3"]
#     NIST_800_53_r5: ["AC-4(26)", "AC-16(b)", "AU-2(b)", "AU-3(a)", "AU-3(b)", "AU-3(c)",
#       "AU-3(d)", "AU-3(e)", "AU-6(3)", "AU-6(4)", "AU-6(6)", "AU-6(9)", "AU-8(b)", "AU-10",
#       "AU-11", "AU-11(1)", "AU-12(a)", "AU-12(c)", "AU-12(1)", "AU-12(2)", "AU-12(3)", "AU-12(4)",
#       "AU-14(a)", "AU-14(b)", "AU-14(3)", "CA-7(b)", "CM-5(1)(b)", "CM-6(a)", "CM-9(b)",
#       "IA-3(3)(b)", "MA-4(1)(a)", "PM-14(a)(1)", "PM-14(b)", "PM-21(b)", "PM-31", "SC-28(2)",
#       "SI-4(17)", "SI-7(8)", "SI-12"]
#     ISO_27001_2022: ["A.8.15", "A.8.20", "A.8.21", "A.8.22"]
#     GDPR: ["Article 25", "Article 30"]
package cspm.checks.azure.network.nsg_flow_log_retention

applies contains id if {
	some id, log in input.resources.azurerm_network_watcher_flow_log
	log.config.target_type == "network_security_group"
}

deny contains {"resource": id, "message": "the flow log is disabled"} if {
	some id, log in input.resources.azurerm_network_watcher_flow_log
	not log.config.enabled
}

deny contains {"resource": id, "message": sprintf("flow logs are kept %d days, fewer than 90", [log.config.retention_days])} if {
	some id, log in input.resources.azurerm_network_watcher_flow_log
	log.config.retention_enabled
	log.config.retention_days > 0
	log.config.retention_days < 90
}
