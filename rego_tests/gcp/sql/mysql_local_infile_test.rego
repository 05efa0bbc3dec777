package cspm.checks.gcp.sql.mysql_local_infile_test

import data.cspm.checks.gcp.sql.mysql_local_infile

iid := "//cloudsql.googleapis.com/projects/p/instances/db"

db(engine, flags) := {"resources": {"google_sql_database_instance": {iid: {
	"id": iid,
	"config": {"engine": engine, "database_flags": flags},
}}}}

test_pass_flag_off if {
	count(mysql_local_infile.deny) == 0 with input as db("MYSQL", [{"name": "local_infile", "value": "off"}])
}

test_pass_other_engines_do_not_apply if {
	mysql_local_infile.applies == set() with input as db("POSTGRES", [])
}

test_fail_flag_on if {
	mysql_local_infile.deny == {{"resource": iid, "message": "local_infile is on (want off)"}} with input as db("MYSQL", [{"name": "local_infile", "value": "on"}])
}

test_fail_unset_means_noncompliant_default if {
	count(mysql_local_infile.deny) == 1 with input as db("MYSQL", [{"name": "unrelated", "value": "x"}])
}
