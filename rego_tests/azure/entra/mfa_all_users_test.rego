package cspm.checks.azure.entra.mfa_all_users_test

import data.cspm.checks.azure.entra.mfa_all_users
import data.cspm.test.entra as fx

test_pass_hardened if {
	count(mfa_all_users.deny) == 0 with input as fx.ca_input({}, [])
}

test_fail_missing if {
	some d in mfa_all_users.deny with input as fx.ca_input({"all": null}, [])
	d.resource == fx.ca_id
}

test_fail_disabled if {
	count(mfa_all_users.deny) == 1 with input as fx.ca_input({"all": object.union(fx.policies.all, {"state": "disabled"})}, [])
}

test_fail_no_mfa_grant if {
	count(mfa_all_users.deny) == 1 with input as fx.ca_input({"all": object.union(fx.policies.all, {"requires_mfa": false, "grant_controls": ["compliantDevice"]})}, [])
}
