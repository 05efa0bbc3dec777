package cspm.checks.azure.entra.mfa_risky_sign_ins_test

import data.cspm.checks.azure.entra.mfa_risky_sign_ins
import data.cspm.test.entra as fx

test_pass_hardened if {
	count(mfa_risky_sign_ins.deny) == 0 with input as fx.ca_input({}, [])
}

test_fail_policy_missing if {
	some d in mfa_risky_sign_ins.deny with input as fx.ca_input({"risky": null}, [])
	d.resource == fx.ca_id
}

test_fail_report_only if {
	count(mfa_risky_sign_ins.deny) == 1 with input as fx.ca_input({"risky": object.union(fx.policies.risky, {"state": "enabledForReportingButNotEnforced"})}, [])
}

test_fail_not_all_users if {
	count(mfa_risky_sign_ins.deny) == 1 with input as fx.ca_input({"risky": object.union(fx.policies.risky, {"include_users": ["GuestsOrExternalUsers"]})}, [])
}

test_fail_high_only if {
	count(mfa_risky_sign_ins.deny) == 1 with input as fx.ca_input({"risky": object.union(fx.policies.risky, {"sign_in_risk_levels": ["high"]})}, [])
}
