package cspm.checks.gcp.sql.no_public_ip_test

import data.cspm.checks.gcp.sql.no_public_ip

iid := "//cloudsql.googleapis.com/projects/p/instances/db"

db(ipv4, addresses) := {"resources": {"google_sql_database_instance": {iid: {"id": iid, "config": {
	"ip_configuration": {"ipv4_enabled": ipv4},
	"ip_addresses": addresses,
}}}}}

test_pass_private_only if {
	count(no_public_ip.deny) == 0 with input as db(false, [{"type": "PRIVATE", "ip_address": "10.1.2.3"}])
}

test_fail_public_ip if {
	no_public_ip.deny == {{"resource": iid, "message": "instance has a public IP address"}} with input as db(true, [{"type": "PRIMARY", "ip_address": "198.51.100.7"}])
}

test_fail_primary_address_reported if {
	count(no_public_ip.deny) == 1 with input as db(false, [{"type": "PRIMARY", "ip_address": "198.51.100.7"}])
}
