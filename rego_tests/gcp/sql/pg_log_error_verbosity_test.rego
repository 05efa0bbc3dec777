package cspm.checks.gcp.sql.pg_log_error_verbosity_test

import data.cspm.checks.gcp.sql.pg_log_error_verbosity

iid := "//cloudsql.googleapis.com/projects/p/instances/db"

db(engine, flags) := {"resources": {"google_sql_database_instance": {iid: {
	"id": iid,
	"config": {"engine": engine, "database_flags": flags},
}}}}

test_pass_flag_terse if {
	count(pg_log_error_verbosity.deny) == 0 with input as db("POSTGRES", [{"name": "log_error_verbosity", "value": "terse"}])
}

test_pass_other_engines_do_not_apply if {
	pg_log_error_verbosity.applies == set() with input as db("SQLSERVER", [])
}

test_fail_flag_verbose if {
	pg_log_error_verbosity.deny == {{"resource": iid, "message": "log_error_verbosity is verbose (want default or terse)"}} with input as db("POSTGRES", [{"name": "log_error_verbosity", "value": "verbose"}])
}

test_pass_unset_means_compliant_default if {
	count(pg_log_error_verbosity.deny) == 0 with input as db("POSTGRES", [])
}
