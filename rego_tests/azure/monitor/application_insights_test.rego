package cspm.checks.azure.monitor.application_insights_test

import data.cspm.checks.azure.monitor.application_insights
import data.cspm.test.azure as fx

component(workspace) := {"azurerm_application_insights": {"ai": fx.resource(
	"azurerm_application_insights", "ai",
	{"application_type": "web", "workspace_resource_id": workspace, "ingestion_mode": null},
)}}

test_pass_component_exists if {
	count(application_insights.deny) == 0 with input as fx.with_subscription({}, component("law"))
}

test_fail_classic_component_only if {
	count(application_insights.deny) == 1 with input as fx.with_subscription({}, component(null))
}

test_fail_no_component if {
	some d in application_insights.deny with input as fx.with_subscription({}, {})
	d.resource == fx.subscription_id
}
