package cspm.checks.gcp.sql.sqlserver_external_scripts_test

import data.cspm.checks.gcp.sql.sqlserver_external_scripts

iid := "//cloudsql.googleapis.com/projects/p/instances/db"

db(engine, flags) := {"resources": {"google_sql_database_instance": {iid: {
	"id": iid,
	"config": {"engine": engine, "database_flags": flags},
}}}}

test_pass_flag_off if {
	count(sqlserver_external_scripts.deny) == 0 with input as db("SQLSERVER", [{"name": "external scripts enabled", "value": "off"}])
}

test_pass_other_engines_do_not_apply if {
	sqlserver_external_scripts.applies == set() with input as db("MYSQL", [])
}

test_fail_flag_on if {
	sqlserver_external_scripts.deny == {{"resource": iid, "message": "external scripts enabled is on (want off)"}} with input as db("SQLSERVER", [{"name": "external scripts enabled", "value": "on"}])
}

test_pass_unset_means_compliant_default if {
	count(sqlserver_external_scripts.deny) == 0 with input as db("SQLSERVER", [])
}
