package cspm.checks.aws.cloudtrail.multi_region_trail_test

import data.cspm.checks.aws.cloudtrail.multi_region_trail

arn := "arn:aws:cloudtrail:us-east-1:111122223333:trail/main"

management_all := {"read_write_type": "All", "include_management_events": true, "data_resources": []}

trail(patch) := object.union(
	{
		"is_multi_region_trail": true,
		"is_logging": true,
		"event_selectors": [management_all],
		"advanced_event_selectors": [],
	},
	patch,
)

snapshot(trails) := {"resources": {
	"aws_account": {"111122223333": {"id": "111122223333", "type": "aws_account", "config": {}}},
	"aws_cloudtrail_trail": {sprintf("%s-%d", [arn, i]): {"config": t} | some i, t in trails},
}}

test_pass_multi_region_trail if {
	count(multi_region_trail.deny) == 0 with input as snapshot([trail({})])
}

test_pass_advanced_selectors if {
	advanced := [{"name": "mgmt", "field_selectors": [{"field": "eventCategory", "equals": ["Management"]}]}]
	t := trail({"event_selectors": [], "advanced_event_selectors": advanced})
	count(multi_region_trail.deny) == 0 with input as snapshot([t])
}

test_pass_one_good_trail_among_others if {
	count(multi_region_trail.deny) == 0 with input as snapshot([trail({"is_multi_region_trail": false}), trail({})])
}

test_fail_no_trails if {
	multi_region_trail.deny == {{
		"resource": "111122223333",
		"message": "no logging multi-region trail records read and write management events (0 trail(s) found)",
	}} with input as {"resources": {"aws_account": {"111122223333": {}}}}
}

test_fail_single_region_trail if {
	some d in multi_region_trail.deny with input as snapshot([trail({"is_multi_region_trail": false})])
	d.resource == "111122223333"
	contains(d.message, "(1 trail(s) found)")
}

test_fail_trail_stopped if {
	some d in multi_region_trail.deny with input as snapshot([trail({"is_logging": false})])
	d.resource == "111122223333"
}

test_fail_write_only if {
	selectors := [object.union(management_all, {"read_write_type": "WriteOnly"})]
	some d in multi_region_trail.deny with input as snapshot([trail({"event_selectors": selectors})])
	d.resource == "111122223333"
}

test_fail_management_events_excluded if {
	selectors := [object.union(management_all, {"include_management_events": false})]
	some d in multi_region_trail.deny with input as snapshot([trail({"event_selectors": selectors})])
	d.resource == "111122223333"
}
