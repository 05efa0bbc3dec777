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
#     PCI_DSS_v4.0: ["10.5.1"]
#     SOC2: ["CC7.2"]
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
