package cspm.checks.azure.entra.global_admins_test

import data.cspm.checks.azure.entra.global_admins
import data.cspm.test.entra as fx

test_pass_two if {
	count(global_admins.deny) == 0 with input as fx.role_input(2)
}

test_pass_four if {
	count(global_admins.deny) == 0 with input as fx.role_input(4)
}

test_fail_five if {
	some d in global_admins.deny with input as fx.role_input(5)
	d.resource == "ga"
	contains(d.message, "5 users")
}

test_fail_one if {
	some d in global_admins.deny with input as fx.role_input(1)
	contains(d.message, "fewer than two")
}
