package cspm.checks.gcp.sql.sqlserver_trace_3625_test

import data.cspm.checks.gcp.sql.sqlserver_trace_3625

iid := "//cloudsql.googleapis.com/projects/p/instances/db"

db(engine, flags) := {"resources": {"google_sql_database_instance": {iid: {
	"id": iid,
	"config": {"engine": engine, "database_flags": flags},
}}}}

test_pass_flag_on if {
	count(sqlserver_trace_3625.deny) == 0 with input as db("SQLSERVER", [{"name": "3625", "value": "on"}])
}

test_pass_other_engines_do_not_apply if {
	sqlserver_trace_3625.applies == set() with input as db("MYSQL", [])
}

test_fail_flag_off if {
	sqlserver_trace_3625.deny == {{"resource": iid, "message": "3625 is off (want on)"}} with input as db("SQLSERVER", [{"name": "3625", "value": "off"}])
}

test_fail_unset_means_noncompliant_default if {
	count(sqlserver_trace_3625.deny) == 1 with input as db("SQLSERVER", [{"name": "unrelated", "value": "x"}])
}
