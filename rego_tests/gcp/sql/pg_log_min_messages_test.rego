package cspm.checks.gcp.sql.pg_log_min_messages_test

import data.cspm.checks.gcp.sql.pg_log_min_messages

iid := "//cloudsql.googleapis.com/projects/p/instances/db"

db(engine, flags) := {"resources": {"google_sql_database_instance": {iid: {
	"id": iid,
	"config": {"engine": engine, "database_flags": flags},
}}}}

test_pass_flag_error if {
	count(pg_log_min_messages.deny) == 0 with input as db("POSTGRES", [{"name": "log_min_messages", "value": "error"}])
}

test_pass_other_engines_do_not_apply if {
	pg_log_min_messages.applies == set() with input as db("SQLSERVER", [])
}

test_fail_flag_debug1 if {
	pg_log_min_messages.deny == {{"resource": iid, "message": "log_min_messages is debug1 (want warning or a more severe level)"}} with input as db("POSTGRES", [{"name": "log_min_messages", "value": "debug1"}])
}

test_pass_unset_means_compliant_default if {
	count(pg_log_min_messages.deny) == 0 with input as db("POSTGRES", [])
}
