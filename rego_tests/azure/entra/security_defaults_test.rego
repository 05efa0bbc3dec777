package cspm.checks.azure.entra.security_defaults_test

import data.cspm.checks.azure.entra.security_defaults
import data.cspm.test.entra as fx

test_pass_enabled if {
	count(security_defaults.deny) == 0 with input as fx.security_defaults_input(true)
}

test_fail_disabled if {
	some d in security_defaults.deny with input as fx.security_defaults_input(false)
	d.resource == "sd"
}
