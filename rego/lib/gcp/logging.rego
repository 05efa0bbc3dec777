# METADATA
# title: GCP log-based metric and alert helpers
# description: >-
#   CIS asks for a log-based metric whose filter catches a kind of change, and an enabled
#   alert policy on that metric. Filters are compared as text with whitespace removed and
#   case folded, and a metric's filter must contain every fragment a check names, so
#   equivalent filters written on several lines or in another order of terms still match.
package cspm.lib.gcp.logging

# compact returns `filter` lower-cased with all whitespace removed.
compact(filter) := lower(regex.replace(filter, `\s+`, ""))

# filter_has_all holds when `filter` contains every string of `fragments`.
filter_has_all(filter, fragments) if {
	text := compact(filter)
	every fragment in fragments {
		contains(text, compact(fragment))
	}
}

# metric_alerted holds when an enabled alert policy has a condition on the user-defined
# log-based metric `name`.
metric_alerted(name, policies) if {
	some policy in policies
	policy.config.enabled == true
	some condition in policy.config.condition_filters
	contains(compact(condition), compact(sprintf(`metric.type="logging.googleapis.com/user/%s"`, [name])))
}
