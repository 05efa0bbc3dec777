package cspm.checks.gcp.logging.asset_inventory_test

import data.cspm.checks.gcp.logging.asset_inventory

pid := "//cloudresourcemanager.googleapis.com/projects/1"

project(services) := {"resources": {"google_project": {pid: {"id": pid, "config": {"enabled_services": services}}}}}

test_pass_enabled if {
	count(asset_inventory.deny) == 0 with input as project(["cloudasset.googleapis.com", "compute.googleapis.com"])
}

test_fail_not_enabled if {
	asset_inventory.deny == {{"resource": pid, "message": "cloudasset.googleapis.com is not enabled"}} with input as project(["compute.googleapis.com"])
}
