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
#     NIST_800_53_r5: ["AC-4(26)", "AU-2(b)", "AU-3(a)", "AU-3(b)", "AU-3(c)", "AU-3(d)", "AU-3(e)",
#       "AU-6(3)", "AU-6(4)", "AU-6(6)", "AU-6(9)", "AU-8(b)", "AU-12(a)", "AU-12(c)", "AU-12(1)",
#       "AU-12(2)", "AU-12(3)", "AU-12(4)", "AU-14(a)", "AU-14(b)", "AU-14(3)", "CA-7(b)",
#       "CM-5(1)(b)", "CM-6(a)", "CM-9(b)", "IA-3(3)(b)", "MA-4(1)(a)", "PM-14(a)(1)", "PM-14(b)",
#       "PM-31", "SI-4(17)", "SI-7(8)"]
#     ISO_27001_2022: ["A.8.14", "A.8.20", "A.8.21", "A.8.22"]
#     GDPR: ["Article 25", "Article 30"]
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
