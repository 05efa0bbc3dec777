package cspm.checks.azure.entra.device_code_flow_test

import data.cspm.checks.azure.entra.device_code_flow
import data.cspm.test.entra as fx

test_pass_hardened if {
	count(device_code_flow.deny) == 0 with input as fx.ca_input({}, [])
}

test_fail_policy_missing if {
	some d in device_code_flow.deny with input as fx.ca_input({"device_code": null}, [])
	d.resource == fx.ca_id
}

test_fail_report_only if {
	count(device_code_flow.deny) == 1 with input as fx.ca_input({"device_code": object.union(fx.policies.device_code, {"state": "enabledForReportingButNotEnforced"})}, [])
}

test_fail_not_all_users if {
	count(device_code_flow.deny) == 1 with input as fx.ca_input({"device_code": object.union(fx.policies.device_code, {"include_users": ["GuestsOrExternalUsers"]})}, [])
}
