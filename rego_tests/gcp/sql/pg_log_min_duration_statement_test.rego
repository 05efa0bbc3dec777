package cspm.checks.gcp.sql.pg_log_min_duration_statement_test

import data.cspm.checks.gcp.sql.pg_log_min_duration_statement

iid := "//cloudsql.googleapis.com/projects/p/instances/db"

db(engine, flags) := {"resources": {"google_sql_database_instance": {iid: {
	"id": iid,
	"config": {"engine": engine, "database_flags": flags},
}}}}

test_pass_flag_minus1 if {
	count(pg_log_min_duration_statement.deny) == 0 with input as db("POSTGRES", [{"name": "log_min_duration_statement", "value": "-1"}])
}

test_pass_other_engines_do_not_apply if {
	pg_log_min_duration_statement.applies == set() with input as db("SQLSERVER", [])
}

test_fail_flag_0 if {
	pg_log_min_duration_statement.deny == {{"resource": iid, "message": "log_min_duration_statement is 0 (want -1 (disabled))"}} with input as db("POSTGRES", [{"name": "log_min_duration_statement", "value": "0"}])
}

test_pass_unset_means_compliant_default if {
	count(pg_log_min_duration_statement.deny) == 0 with input as db("POSTGRES", [])
}
