# METADATA
# title: Cloud SQL database flag helpers
# description: >-
#   A flag that is not set has the engine's default value, so checks ask for the effective
#   value: the one set, else the default the check names. Values compare lower-cased.
package cspm.lib.gcp.sql

# flag returns the lower-cased value of flag `name`, if it is set.
flag(flags, name) := lower(f.value) if {
	some f in flags
	f.name == name
}

is_set(flags, name) if {
	some f in flags
	f.name == name
}

# effective returns the value of `name`, or `default_value` when it is not set.
effective(flags, name, _) := flag(flags, name)

effective(flags, name, default_value) := default_value if not is_set(flags, name)

# PostgreSQL message levels from least to most severe; a log setting of level L records
# messages of L and every level after it.
pg_levels := ["debug5", "debug4", "debug3", "debug2", "debug1", "info", "notice", "warning", "error", "log", "fatal", "panic"]

# pg_level_at_least holds when `level` is `floor` or a more severe level.
pg_level_at_least(level, floor) if {
	some i, l in pg_levels
	l == level
	some j, f in pg_levels
	f == floor
	i >= j
}
