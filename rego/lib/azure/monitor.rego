# METADATA
# title: Azure Monitor helpers
# description: >-
#   Matching activity log alert rules and diagnostic settings. Functions take the
#   config fields they read as arguments, so each check names the types and fields it
#   depends on (and is UNKNOWN when they were not collected).
package cspm.lib.azure.monitor

# watches_operation holds when an alert with these settings is enabled, covers the
# whole subscription `subscription_id`, and fires on the Administrative `operation`.
watches_operation(enabled, scopes, conditions, subscription_id, operation) if {
	covers(enabled, scopes, subscription_id)
	condition_matches(conditions, "category", "administrative")
	condition_matches(conditions, "operationname", lower(operation))
}

# watches_category holds when such an alert fires on a whole activity log category
# (ServiceHealth, for instance).
watches_category(enabled, scopes, conditions, subscription_id, category) if {
	covers(enabled, scopes, subscription_id)
	condition_matches(conditions, "category", lower(category))
}

covers(enabled, scopes, subscription_id) if {
	enabled
	some scope in scopes
	lower(trim_right(scope, "/")) == lower(subscription_id)
}

condition_matches(conditions, field, value) if {
	some condition in conditions
	leaf_matches(condition, field, value)
}

condition_matches(conditions, field, value) if {
	some condition in conditions
	some leaf in condition.any_of
	leaf_matches(leaf, field, value)
}

leaf_matches(leaf, field, value) if {
	lower(leaf.field) == field
	lower(leaf.equals) == value
}

leaf_matches(leaf, field, value) if {
	lower(leaf.field) == field
	some candidate in leaf.contains_any
	lower(candidate) == value
}

# logs_category holds when a diagnostic setting with a destination enables the log
# `category`, by name or through a category group that includes it.
logs_category(settings, category, groups) if {
	some setting in settings
	has_destination(setting)
	some log in setting.logs
	log.enabled
	enables(log, category, groups)
}

enables(log, category, _) if lower(log.category) == lower(category)

enables(log, _, groups) if lower(log.category_group) in groups

# any_destination holds when one of the given destination ids is set.
any_destination(ids) if {
	some id in ids
	is_string(id)
}

has_destination(setting) if is_string(setting.workspace_id)

has_destination(setting) if is_string(setting.storage_account_id)

has_destination(setting) if is_string(setting.event_hub_authorization_rule_id)
