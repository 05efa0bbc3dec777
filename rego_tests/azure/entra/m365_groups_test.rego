package cspm.checks.azure.entra.m365_groups_test

import data.cspm.checks.azure.entra.m365_groups
import data.cspm.test.entra as fx

test_pass_hardened if {
	count(m365_groups.deny) == 0 with input as fx.directory_input({})
}

test_fail_planted if {
	some d in m365_groups.deny with input as fx.directory_input({"group_unified": {"enable_group_creation": true}})
	d.resource == fx.directory_id
	contains(d.message, "Microsoft 365")
}
