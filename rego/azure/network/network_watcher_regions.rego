# METADATA
# title: Network Watcher is enabled in every region in use
# description: >-
#   Flow logs, packet capture and connection troubleshooting need a Network Watcher in
#   the region; a region with resources but no Network Watcher has no network
#   visibility.
# custom:
#   id: AZURE-NETWORK-006
#   severity: LOW
#   resource_type: azurerm_subscription
#   remediation: >-
#     Enable Network Watcher in each region that holds resources (az network watcher
#     configure --locations <region> --enabled true).
#   compliance:
#     CIS_Azure_v4.0: ["8.6"]
#     PCI_DSS_v4.0: ["10.2.1"]
#     SOC2: ["CC7.2"]
package cspm.checks.azure.network.network_watcher_regions

deny contains {"resource": id, "message": sprintf("no Network Watcher in regions in use: %s", [concat(", ", sort(missing))])} if {
	some id, subscription in input.resources.azurerm_subscription
	watched := {watcher.region |
		some watcher in input.resources.azurerm_network_watcher
		watcher.config.provisioning_state == "Succeeded"
	}
	missing := {region | some region in subscription.config.resource_locations} - watched
	count(missing) > 0
}
