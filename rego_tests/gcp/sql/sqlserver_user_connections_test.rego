package cspm.checks.gcp.sql.sqlserver_user_connections_test

import data.cspm.checks.gcp.sql.sqlserver_user_connections

iid := "//cloudsql.googleapis.com/projects/p/instances/db"

db(engine, flags) := {"resources": {"google_sql_database_instance": {iid: {
	"id": iid,
	"config": {"engine": engine, "database_flags": flags},
}}}}

test_pass_flag_0 if {
	count(sqlserver_user_connections.deny) == 0 with input as db("SQLSERVER", [{"name": "user connections", "value": "0"}])
}

test_pass_other_engines_do_not_apply if {
	sqlserver_user_connections.applies == set() with input as db("MYSQL", [])
}

test_fail_flag_50 if {
	sqlserver_user_connections.deny == {{"resource": iid, "message": "user connections is 50 (want 0 (no limit))"}} with input as db("SQLSERVER", [{"name": "user connections", "value": "50"}])
}

test_pass_unset_means_compliant_default if {
	count(sqlserver_user_connections.deny) == 0 with input as db("SQLSERVER", [])
}
