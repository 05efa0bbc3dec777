package cspm.checks.azure.entra.mfa_admin_portals_test

import data.cspm.checks.azure.entra.mfa_admin_portals
import data.cspm.test.entra as fx

test_pass_hardened if {
	count(mfa_admin_portals.deny) == 0 with input as fx.ca_input({}, [])
}

test_pass_covered_by_all_resources if {
	count(mfa_admin_portals.deny) == 0 with input as fx.ca_input({"portals": null}, [])
}

test_fail_missing if {
	some d in mfa_admin_portals.deny with input as fx.ca_input({"portals": null, "all": null}, [])
	d.resource == fx.ca_id
}

test_fail_app_excluded_from_target if {
	count(mfa_admin_portals.deny) == 1 with input as fx.ca_input({"all": null, "portals": object.union(fx.policies.portals, {"include_applications": ["Office365"]})}, [])
}
