package cspm.checks.gcp.sql.sqlserver_contained_db_auth_test

import data.cspm.checks.gcp.sql.sqlserver_contained_db_auth

iid := "//cloudsql.googleapis.com/projects/p/instances/db"

db(engine, flags) := {"resources": {"google_sql_database_instance": {iid: {
	"id": iid,
	"config": {"engine": engine, "database_flags": flags},
}}}}

test_pass_flag_off if {
	count(sqlserver_contained_db_auth.deny) == 0 with input as db("SQLSERVER", [{"name": "contained database authentication", "value": "off"}])
}

test_pass_other_engines_do_not_apply if {
	sqlserver_contained_db_auth.applies == set() with input as db("MYSQL", [])
}

test_fail_flag_on if {
	sqlserver_contained_db_auth.deny == {{"resource": iid, "message": "contained database authentication is on (want off)"}} with input as db("SQLSERVER", [{"name": "contained database authentication", "value": "on"}])
}

test_pass_unset_means_compliant_default if {
	count(sqlserver_contained_db_auth.deny) == 0 with input as db("SQLSERVER", [])
}
