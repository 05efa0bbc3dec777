# METADATA
# title: A multi-region CloudTrail trail records all management events
# description: >-
#   At least one trail must be multi-region, logging, and record both read and write
#   management events, or API activity in some region or of some kind goes unrecorded.
# custom:
#   id: AWS-CLOUDTRAIL-001
#   severity: HIGH
#   resource_type: aws_account
#   remediation: >-
#     Create (or convert) a trail with `aws cloudtrail create-trail --is-multi-region-trail`
#     / `update-trail --is-multi-region-trail`, keep the default event selector (management
#     events, All), and start it with `aws cloudtrail start-logging`.
#   compliance:
#     CIS_AWS_v5.0: ["3.1"]
#     PCI_DSS_v4.0: ["10.2.1"]
#     SOC2: ["CC7.2"]
package cspm.checks.aws.cloudtrail.multi_region_trail

import data.cspm.lib.aws.cloudtrail

deny contains {"resource": id, "message": msg} if {
	some id, _ in input.resources.aws_account
	count(complete_trails) == 0
	msg := sprintf(
		"no logging multi-region trail records read and write management events (%d trail(s) found)",
		[trail_count],
	)
}

default trail_count := 0

trail_count := count(input.resources.aws_cloudtrail_trail)

complete_trails contains id if {
	some id, trail in input.resources.aws_cloudtrail_trail
	trail.config.is_multi_region_trail == true
	trail.config.is_logging == true
	every access in ["read", "write"] {
		cloudtrail.records_management_events(trail.config.event_selectors, trail.config.advanced_event_selectors, access)
	}
}
