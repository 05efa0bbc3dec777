package cspm.checks.azure.network.vnet_flow_log_retention_test

import data.cspm.checks.azure.network.vnet_flow_log_retention
import data.cspm.test.azure as fx

flow_log(overrides) := fx.input_of("azurerm_network_watcher_flow_log", fx.flow_log, overrides)

test_pass_90_days if {
	count(vnet_flow_log_retention.deny) == 0 with input as flow_log({"target_type": "virtual_network"})
}

test_pass_kept_for_ever if {
	count(vnet_flow_log_retention.deny) == 0 with input as flow_log({"target_type": "virtual_network", "retention_days": 0})
}

test_pass_retention_policy_off if {
	count(vnet_flow_log_retention.deny) == 0 with input as flow_log({"target_type": "virtual_network", "retention_enabled": false, "retention_days": 7})
}

test_pass_other_target_not_applicable if {
	not "r1" in vnet_flow_log_retention.applies with input as flow_log({"target_type": "network_security_group"})
}

test_fail_30_days if {
	some d in vnet_flow_log_retention.deny with input as flow_log({"target_type": "virtual_network", "retention_days": 30})
	contains(d.message, "30 days")
	"r1" in vnet_flow_log_retention.applies with input as flow_log({"target_type": "virtual_network"})
}

test_fail_disabled if {
	some d in vnet_flow_log_retention.deny with input as flow_log({"target_type": "virtual_network", "enabled": false})
	contains(d.message, "disabled")
}
