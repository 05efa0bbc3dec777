package cspm.checks.azure.entra.trusted_locations_test

import data.cspm.checks.azure.entra.trusted_locations
import data.cspm.test.entra as fx

test_pass_trusted_location if {
	count(trusted_locations.deny) == 0 with input as fx.ca_input({}, [fx.trusted_location])
}

test_fail_untrusted_only if {
	some d in trusted_locations.deny with input as fx.ca_input({}, [object.union(fx.trusted_location, {"is_trusted": false})])
	d.resource == fx.ca_id
}

test_fail_none if {
	count(trusted_locations.deny) == 1 with input as fx.ca_input({}, [])
}
