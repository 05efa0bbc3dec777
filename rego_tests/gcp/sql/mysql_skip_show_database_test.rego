package cspm.checks.gcp.sql.mysql_skip_show_database_test

import data.cspm.checks.gcp.sql.mysql_skip_show_database

iid := "//cloudsql.googleapis.com/projects/p/instances/db"

db(engine, flags) := {"resources": {"google_sql_database_instance": {iid: {
	"id": iid,
	"config": {"engine": engine, "database_flags": flags},
}}}}

test_pass_flag_on if {
	count(mysql_skip_show_database.deny) == 0 with input as db("MYSQL", [{"name": "skip_show_database", "value": "on"}])
}

test_pass_other_engines_do_not_apply if {
	mysql_skip_show_database.applies == set() with input as db("POSTGRES", [])
}

test_fail_flag_off if {
	mysql_skip_show_database.deny == {{"resource": iid, "message": "skip_show_database is off (want on)"}} with input as db("MYSQL", [{"name": "skip_show_database", "value": "off"}])
}

test_fail_unset_means_noncompliant_default if {
	count(mysql_skip_show_database.deny) == 1 with input as db("MYSQL", [{"name": "unrelated", "value": "x"}])
}
