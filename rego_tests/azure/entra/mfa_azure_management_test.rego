package cspm.checks.azure.entra.mfa_azure_management_test

import data.cspm.checks.azure.entra.mfa_azure_management
import data.cspm.test.entra as fx

test_pass_hardened if {
	count(mfa_azure_management.deny) == 0 with input as fx.ca_input({}, [])
}

test_pass_covered_by_all_resources if {
	count(mfa_azure_management.deny) == 0 with input as fx.ca_input({"management": null}, [])
}

test_fail_missing if {
	some d in mfa_azure_management.deny with input as fx.ca_input({"management": null, "all": null}, [])
	d.resource == fx.ca_id
}

test_fail_app_excluded_from_target if {
	count(mfa_azure_management.deny) == 1 with input as fx.ca_input({"all": null, "management": object.union(fx.policies.management, {"include_applications": ["Office365"]})}, [])
}
