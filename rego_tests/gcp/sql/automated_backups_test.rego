package cspm.checks.gcp.sql.automated_backups_test

import data.cspm.checks.gcp.sql.automated_backups

iid := "//cloudsql.googleapis.com/projects/p/instances/db"

db(kind, backups) := {"resources": {"google_sql_database_instance": {iid: {"id": iid, "config": {"instance_type": kind, "backup_enabled": backups}}}}}

test_pass_backups_on if {
	count(automated_backups.deny) == 0 with input as db("CLOUD_SQL_INSTANCE", true)
}

test_pass_replica_does_not_apply if {
	automated_backups.applies == set() with input as db("READ_REPLICA_INSTANCE", false)
}

test_fail_backups_off if {
	automated_backups.deny == {{"resource": iid, "message": "automated backups are off"}} with input as db("CLOUD_SQL_INSTANCE", false)
}
