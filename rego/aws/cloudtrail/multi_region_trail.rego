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
#     PCI_DSS_v4.0: ["5.3.4", "10.2.1", "10.2.1.1", "10.2.1.2", "10.2.1.3", "10.2.1.4", "10.2.1.5",
#       "10.2.1.6", "10.2.1.7", "10.2.2", "10.3.1", "10.6.3", "A1.2.1"]
#     SOC2: ["CC2.1", "CC7.2", "A1.2", "PI1.3"]
#     NIST_800_53_r5: ["AC-2(4)", "AC-3(1)", "AC-3(10)", "AC-4(26)", "AC-6(9)", "AU-2(b)",
#       "AU-3(1)", "AU-3(a)", "AU-3(b)", "AU-3(c)", "AU-3(d)", "AU-3(e)", "AU-3(f)", "AU-6(3)",
#       "AU-6(4)", "AU-6(6)", "AU-6(9)", "AU-8(b)", "AU-10", "AU-12(a)", "AU-12(c)", "AU-12(1)",
#       "AU-12(2)", "AU-12(3)", "AU-12(4)", "AU-14(a)", "AU-14(b)", "AU-14(3)", "CA-7(b)",
#       "CM-5(1)(b)", "CM-6(a)", "CM-9(b)", "IA-3(3)(b)", "MA-4(1)(a)", "PM-14(a)(1)", "PM-14(b)",
#       "PM-31", "SC-7(9)(b)", "SI-1(1)(c)", "SI-3(8)(b)", "SI-4(2)", "SI-4(17)", "SI-4(20)",
#       "SI-7(8)", "SI-10(1)(c)"]
#     ISO_27001_2022: ["A.8.15", "A.8.16"]
#     GDPR: ["Article 25", "Article 30"]
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
