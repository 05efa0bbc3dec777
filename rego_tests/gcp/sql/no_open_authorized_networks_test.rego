package cspm.checks.gcp.sql.no_open_authorized_networks_test

import data.cspm.checks.gcp.sql.no_open_authorized_networks

iid := "//cloudsql.googleapis.com/projects/p/instances/db"

db(networks) := {"resources": {"google_sql_database_instance": {iid: {"id": iid, "config": {"ip_configuration": {"authorized_networks": networks}}}}}}

test_pass_office_range if {
	count(no_open_authorized_networks.deny) == 0 with input as db([{"name": "office", "value": "203.0.113.0/24"}])
}

test_fail_world if {
	no_open_authorized_networks.deny == {{"resource": iid, "message": "authorized network 0.0.0.0/0 admits every address"}} with input as db([{"name": "any", "value": "0.0.0.0/0"}])
}
