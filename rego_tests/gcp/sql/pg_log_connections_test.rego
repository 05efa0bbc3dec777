package cspm.checks.gcp.sql.pg_log_connections_test

import data.cspm.checks.gcp.sql.pg_log_connections

iid := "//cloudsql.googleapis.com/projects/p/instances/db"

db(engine, flags) := {"resources": {"google_sql_database_instance": {iid: {
	"id": iid,
	"config": {"engine": engine, "database_flags": flags},
}}}}

test_pass_flag_on if {
	count(pg_log_connections.deny) == 0 with input as db("POSTGRES", [{"name": "log_connections", "value": "on"}])
}

test_pass_other_engines_do_not_apply if {
	pg_log_connections.applies == set() with input as db("SQLSERVER", [])
}

test_fail_flag_off if {
	pg_log_connections.deny == {{"resource": iid, "message": "log_connections is off (want on)"}} with input as db("POSTGRES", [{"name": "log_connections", "value": "off"}])
}

test_fail_unset_means_noncompliant_default if {
	count(pg_log_connections.deny) == 1 with input as db("POSTGRES", [{"name": "unrelated", "value": "x"}])
}
