package cspm.checks.azure.network.network_watcher_regions_test

import data.cspm.checks.azure.network.network_watcher_regions
import data.cspm.test.azure as fx

watchers(regions, state) := fx.with_subscription({}, {"azurerm_network_watcher": {r: object.union(
	fx.resource("azurerm_network_watcher", r, {"provisioning_state": state}),
	{"region": r},
) |
	some r in regions
}})

test_pass_watcher_everywhere if {
	count(network_watcher_regions.deny) == 0 with input as watchers(["eastus"], "Succeeded")
}

test_fail_region_without_watcher if {
	some d in network_watcher_regions.deny with input as watchers(["westeurope"], "Succeeded")
	d.message == "no Network Watcher in regions in use: eastus"
}

test_fail_watcher_failed if {
	count(network_watcher_regions.deny) == 1 with input as watchers(["eastus"], "Failed")
}
