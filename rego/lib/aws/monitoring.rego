# METADATA
# title: AWS CIS monitoring helpers
# description: >-
#   The pieces of a CIS section 4 "monitor X" chain: a logging multi-region trail that
#   records all management events delivers to a CloudWatch Logs group; a metric filter
#   on that group matches the events; an alarm watches the filter's metric; the alarm
#   notifies an SNS topic with a confirmed subscriber. The checks join the resources
#   themselves (so the fields they read stay visible to the catalog); these functions
#   judge one link each.
package cspm.lib.aws.monitoring

import data.cspm.lib.aws.cloudtrail

# The comparisons of a CloudWatch Logs filter pattern, with whitespace and double quotes
# removed: `{ ($.eventName = "ConsoleLogin") }` gives {"$.eventName=ConsoleLogin"}.
atoms(pattern) := {a |
	text := regex.replace(pattern, `[\s"]`, "")
	some a in regex.find_n(`\$\.[A-Za-z0-9_.\[\]]+?(!=|=|NOTEXISTS)[^()|&{}]*`, text, -1)
}

# covers holds when a filter pattern makes every one of the `required` comparisons.
covers(pattern, required) if {
	found := atoms(pattern)
	every r in required {
		r in found
	}
}

# event_names turns event names into the comparisons a filter makes for them.
event_names(names) := {sprintf("$.eventName=%s", [n]) | some n in names}

# monitored_log_group is the log group ARN (without the trailing ":*") that a trail
# feeds, when the trail is multi-region, logging, and records all management events.
monitored_log_group(multi_region, logging, selectors, advanced, group_arn) := trim_suffix(group_arn, ":*") if {
	multi_region == true
	logging == true
	is_string(group_arn)
	every access in ["read", "write"] {
		cloudtrail.records_management_events(selectors, advanced, access)
	}
}

# watches holds when an alarm's metrics include one a metric filter publishes.
watches(alarm_metrics, transformations) if {
	some t in transformations
	some m in alarm_metrics
	m.metric_name == t.metric_name
	m.namespace == t.metric_namespace
}

# notifies holds when a topic's subscriptions include a confirmed one.
notifies(subscriptions) if {
	some s in subscriptions
	s.confirmed == true
}
