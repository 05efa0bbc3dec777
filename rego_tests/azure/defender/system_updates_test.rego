package cspm.checks.azure.defender.system_updates_test

import data.cspm.checks.azure.defender.system_updates
import data.cspm.test.azure as fx

vm := "/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/app/providers/Microsoft.Compute/virtualMachines/vm1"

assessment(key, status) := {"key": key, "display_name": "Machines should be configured to periodically check for missing system updates", "status": status, "resource_id": vm}

test_pass_no_assessments if {
	count(system_updates.deny) == 0 with input as fx.with_subscription({}, {})
}

test_pass_healthy if {
	count(system_updates.deny) == 0 with input as fx.with_subscription({"system_update_assessments": [assessment("90386950-71ca-4357-a12e-486d1679427c", "Healthy"), assessment("e1145ab1-eb4f-43d8-911b-36ddf771d13f", "NotApplicable")]}, {})
}

test_fail_unhealthy if {
	some d in system_updates.deny with input as fx.with_subscription({"system_update_assessments": [assessment("90386950-71ca-4357-a12e-486d1679427c", "Unhealthy")]}, {})
	d.resource == fx.subscription_id
	contains(d.message, "vm1")
}
