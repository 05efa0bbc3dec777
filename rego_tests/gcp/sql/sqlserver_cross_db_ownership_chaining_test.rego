package cspm.checks.gcp.sql.sqlserver_cross_db_ownership_chaining_test

import data.cspm.checks.gcp.sql.sqlserver_cross_db_ownership_chaining

iid := "//cloudsql.googleapis.com/projects/p/instances/db"

db(engine, flags) := {"resources": {"google_sql_database_instance": {iid: {
	"id": iid,
	"config": {"engine": engine, "database_flags": flags},
}}}}

test_pass_flag_off if {
	count(sqlserver_cross_db_ownership_chaining.deny) == 0 with input as db("SQLSERVER", [{"name": "cross db ownership chaining", "value": "off"}])
}

test_pass_other_engines_do_not_apply if {
	sqlserver_cross_db_ownership_chaining.applies == set() with input as db("MYSQL", [])
}

test_fail_flag_on if {
	sqlserver_cross_db_ownership_chaining.deny == {{"resource": iid, "message": "cross db ownership chaining is on (want off)"}} with input as db("SQLSERVER", [{"name": "cross db ownership chaining", "value": "on"}])
}

test_pass_unset_means_compliant_default if {
	count(sqlserver_cross_db_ownership_chaining.deny) == 0 with input as db("SQLSERVER", [])
}
