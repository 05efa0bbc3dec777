package cspm.checks.azure.iam.user_access_administrator_test

import data.cspm.checks.azure.iam.user_access_administrator
import data.cspm.test.azure as fx

assignment(guid, principal_type) := fx.input_of(
	"azurerm_role_assignment", {
		"role_definition_id": concat("", ["/providers/Microsoft.Authorization/roleDefinitions/", guid]),
		"role_definition_guid": guid,
		"principal_id": "33333333-3333-3333-3333-333333333333",
		"principal_type": principal_type,
		"scope": "/",
	},
	{},
)

test_pass_reader if {
	count(user_access_administrator.deny) == 0 with input as assignment("acdd72a7-3385-48ef-bd42-f606fba81ae7", "User")
}

test_fail_user_access_administrator if {
	some d in user_access_administrator.deny with input as assignment("18d7d88d-d35e-4fb5-a5c3-7773c20a72d9", "User")
	contains(d.message, "User 3333")
	contains(d.message, "scope /")
}

test_fail_unknown_principal_type if {
	some d in user_access_administrator.deny with input as assignment("18D7D88D-D35E-4FB5-A5C3-7773C20A72D9", null)
	contains(d.message, "principal 3333")
}
