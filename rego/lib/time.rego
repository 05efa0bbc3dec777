# METADATA
# title: Time helpers
# description: >-
#   Ages are measured from the snapshot's taken_at, never from the wall clock, so a
#   snapshot evaluates the same way today and next year.
package cspm.lib.time

ns_per_day := ((24 * 60) * 60) * 1000000000

# days_between returns whole days from RFC 3339 timestamp `earlier` to `later`.
days_between(earlier, later) := days if {
	diff := time.parse_rfc3339_ns(later) - time.parse_rfc3339_ns(earlier)
	days := floor(diff / ns_per_day)
}

# age_days returns whole days between `ts` and the snapshot's taken_at.
age_days(ts) := days_between(ts, input.taken_at)

# before_taken_at holds when RFC 3339 timestamp `ts` lies before the snapshot's taken_at.
before_taken_at(ts) if time.parse_rfc3339_ns(ts) < time.parse_rfc3339_ns(input.taken_at)
