package cspm.lib.gcp.sql_test

import data.cspm.lib.gcp.sql

flags := [{"name": "log_connections", "value": "ON"}]

test_effective_value if {
	sql.effective(flags, "log_connections", "off") == "on"
	sql.effective(flags, "log_disconnections", "off") == "off"
	sql.is_set(flags, "log_connections")
	not sql.is_set(flags, "log_disconnections")
}

test_pg_levels if {
	sql.pg_level_at_least("error", "warning")
	sql.pg_level_at_least("warning", "warning")
	not sql.pg_level_at_least("info", "warning")
	not sql.pg_level_at_least("bogus", "warning")
}
