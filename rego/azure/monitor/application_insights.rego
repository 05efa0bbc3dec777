# METADATA
# title: Application Insights is configured in the subscription
# description: >-
#   Application Insights collects request, dependency and exception telemetry of the
#   subscription's applications; without a component there is no application-level
#   record to detect or investigate attacks with. Only workspace-based components
#   count: classic ones were retired in February 2024 and no longer ingest.
# custom:
#   id: AZURE-MONITOR-014
#   severity: LOW
#   resource_type: azurerm_subscription
#   remediation: >-
#     Create a workspace-based Application Insights resource for the subscription's
#     applications and connect them to it.
#   compliance:
#     CIS_Azure_v4.0: ["7.1.3.1"]
#     PCI_DSS_v4.0: ["5.3.4", "10.2.1", "10.2.1.1", "10.2.1.2", "10.2.1.3", "10.2.1.4", "10.2.1.5",
#       "10.2.1.6", "10.2.1.7", "10.2.2", "10.4.1", "10.4.1.1", "10.4.2", "10.6.3", "10.7.1",
#       "10.7.2", "A1.2.1", "A3.3.1", "A3.5.1"]
#     SOC2: ["CC7.2"]
package cspm.checks.azure.monitor.application_insights

deny contains {"resource": id, "message": "the subscription has no Application Insights component"} if {
	some id, subscription in input.resources.azurerm_subscription
	not has_component
}

has_component if {
	some _, component in input.resources.azurerm_application_insights
	is_string(component.config.workspace_resource_id)
}
