package cspm.checks.gcp.sql.pg_log_statement_test

import data.cspm.checks.gcp.sql.pg_log_statement

iid := "//cloudsql.googleapis.com/projects/p/instances/db"

db(engine, flags) := {"resources": {"google_sql_database_instance": {iid: {
	"id": iid,
	"config": {"engine": engine, "database_flags": flags},
}}}}

test_pass_flag_ddl if {
	count(pg_log_statement.deny) == 0 with input as db("POSTGRES", [{"name": "log_statement", "value": "ddl"}])
}

test_pass_other_engines_do_not_apply if {
	pg_log_statement.applies == set() with input as db("SQLSERVER", [])
}

test_fail_flag_none if {
	pg_log_statement.deny == {{"resource": iid, "message": "log_statement is none (want ddl)"}} with input as db("POSTGRES", [{"name": "log_statement", "value": "none"}])
}

test_fail_unset_means_noncompliant_default if {
	count(pg_log_statement.deny) == 1 with input as db("POSTGRES", [{"name": "unrelated", "value": "x"}])
}
