package cspm.checks.azure.iam.custom_owner_role_test

import data.cspm.checks.azure.iam.custom_owner_role
import data.cspm.test.azure as fx

role(actions, scopes) := fx.input_of(
	"azurerm_role_definition", {
		"role_name": "ops-admin",
		"role_type": "CustomRole",
		"description": null,
		"assignable_scopes": scopes,
		"permissions": [{"actions": actions, "not_actions": [], "data_actions": [], "not_data_actions": []}],
	},
	{},
)

test_pass_narrow_actions if {
	count(custom_owner_role.deny) == 0 with input as role(["Microsoft.Compute/virtualMachines/start/action"], [fx.subscription_id])
}

test_pass_wildcard_on_resource_group if {
	count(custom_owner_role.deny) == 0 with input as role(["*"], [concat("", [fx.subscription_id, "/resourceGroups/sandbox"])])
}

test_fail_wildcard_on_subscription if {
	some d in custom_owner_role.deny with input as role(["*"], [fx.subscription_id])
	contains(d.message, "ops-admin")
}

test_fail_wildcard_on_root if {
	count(custom_owner_role.deny) == 1 with input as role(["*"], ["/"])
}

test_fail_wildcard_on_management_group if {
	count(custom_owner_role.deny) == 1 with input as role(["*"], ["/providers/Microsoft.Management/managementGroups/corp"])
}
