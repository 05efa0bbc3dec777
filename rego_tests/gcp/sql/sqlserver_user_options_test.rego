package cspm.checks.gcp.sql.sqlserver_user_options_test

import data.cspm.checks.gcp.sql.sqlserver_user_options

iid := "//cloudsql.googleapis.com/projects/p/instances/db"

db(engine, flags) := {"resources": {"google_sql_database_instance": {iid: {
	"id": iid,
	"config": {"engine": engine, "database_flags": flags},
}}}}

test_pass_unset if {
	count(sqlserver_user_options.deny) == 0 with input as db("SQLSERVER", [{"name": "remote access", "value": "off"}])
}

test_pass_other_engines_do_not_apply if {
	sqlserver_user_options.applies == set() with input as db("MYSQL", [{"name": "user options", "value": "32"}])
}

test_fail_set if {
	sqlserver_user_options.deny == {{"resource": iid, "message": "user options is set to 32 (want it unset)"}} with input as db("SQLSERVER", [{"name": "user options", "value": "32"}])
}
