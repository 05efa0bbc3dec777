package cspm.checks.gcp.sql.sqlserver_remote_access_test

import data.cspm.checks.gcp.sql.sqlserver_remote_access

iid := "//cloudsql.googleapis.com/projects/p/instances/db"

db(engine, flags) := {"resources": {"google_sql_database_instance": {iid: {
	"id": iid,
	"config": {"engine": engine, "database_flags": flags},
}}}}

test_pass_flag_off if {
	count(sqlserver_remote_access.deny) == 0 with input as db("SQLSERVER", [{"name": "remote access", "value": "off"}])
}

test_pass_other_engines_do_not_apply if {
	sqlserver_remote_access.applies == set() with input as db("MYSQL", [])
}

test_fail_flag_on if {
	sqlserver_remote_access.deny == {{"resource": iid, "message": "remote access is on (want off)"}} with input as db("SQLSERVER", [{"name": "remote access", "value": "on"}])
}

test_fail_unset_means_noncompliant_default if {
	count(sqlserver_remote_access.deny) == 1 with input as db("SQLSERVER", [{"name": "unrelated", "value": "x"}])
}
