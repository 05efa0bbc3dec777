package cspm.lib.azure.conditional_access_test

import data.cspm.lib.azure.conditional_access as ca
import data.cspm.test.entra as fx

test_a_location_condition_narrows_a_policy if {
	not ca.unconditional(object.union(fx.policies.all, {"include_locations": ["l1"]}))
	ca.unconditional(object.union(fx.policies.all, {"include_locations": ["All"], "exclude_locations": ["AllTrusted"]}))
}

test_an_app_is_covered_by_all_or_by_name if {
	ca.covers_app(fx.policies.all, "MicrosoftAdminPortals")
	ca.covers_app(fx.policies.portals, "MicrosoftAdminPortals")
	not ca.covers_app(fx.policies.portals, "All")
}

test_report_only_is_not_enforced if {
	not ca.for_all_users(object.union(fx.policies.all, {"state": "enabledForReportingButNotEnforced"}))
}
