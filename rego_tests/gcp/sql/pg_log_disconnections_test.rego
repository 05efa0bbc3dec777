package cspm.checks.gcp.sql.pg_log_disconnections_test

import data.cspm.checks.gcp.sql.pg_log_disconnections

iid := "//cloudsql.googleapis.com/projects/p/instances/db"

db(engine, flags) := {"resources": {"google_sql_database_instance": {iid: {
	"id": iid,
	"config": {"engine": engine, "database_flags": flags},
}}}}

test_pass_flag_on if {
	count(pg_log_disconnections.deny) == 0 with input as db("POSTGRES", [{"name": "log_disconnections", "value": "on"}])
}

test_pass_other_engines_do_not_apply if {
	pg_log_disconnections.applies == set() with input as db("SQLSERVER", [])
}

test_fail_flag_off if {
	pg_log_disconnections.deny == {{"resource": iid, "message": "log_disconnections is off (want on)"}} with input as db("POSTGRES", [{"name": "log_disconnections", "value": "off"}])
}

test_fail_unset_means_noncompliant_default if {
	count(pg_log_disconnections.deny) == 1 with input as db("POSTGRES", [{"name": "unrelated", "value": "x"}])
}
