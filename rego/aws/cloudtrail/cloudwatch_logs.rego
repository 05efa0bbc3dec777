# METADATA
# title: CloudTrail trails deliver their events to CloudWatch Logs
# description: >-
#   A trail that also sends its events to a CloudWatch Logs log group can be searched,
#   kept by a retention policy and watched by metric filters and alarms in near real
#   time; a trail that only writes to S3 is read after the fact, if at all. Only trails
#   that are logging count: a stopped trail delivers nothing anywhere.
# custom:
#   id: AWS-CLOUDTRAIL-007
#   severity: MEDIUM
#   resource_type: aws_cloudtrail_trail
#   remediation: >-
#     Create a log group and a role CloudTrail can assume to write to it, then run
#     `aws cloudtrail update-trail --name <trail> --cloud-watch-logs-log-group-arn <arn>
#     --cloud-watch-logs-role-arn <role-arn>`.
#   compliance:
#     PCI_DSS_v4.0: ["5.3.4", "10.2.1", "10.2.1.1", "10.2.1.2", "10.2.1.3", "10.2.1.4", "10.2.1.5",
#       "10.2.1.6", "10.2.1.7", "10.2.2", "10.3.1", "10.4.1.1", "10.6.3", "11.5.2", "11.6.1",
#       "12.10.5", "A1.2.1", "A3.3.1", "A3.5.1"]
#     SOC2: ["CC7.2", "CC7.3", "A1.2", "PI1.3"]
#     NIST_800_53_r5: ["AC-2(4)", "AC-3(1)", "AC-3(10)", "AC-4(26)", "AC-6(9)", "AU-2(b)",
#       "AU-3(a)", "AU-3(b)", "AU-3(c)", "AU-3(d)", "AU-3(e)", "AU-3(f)", "AU-4(1)", "AU-6(1)",
#       "AU-6(3)", "AU-6(4)", "AU-6(5)", "AU-6(6)", "AU-6(9)", "AU-7(1)", "AU-8(b)", "AU-9(7)",
#       "AU-10", "AU-12(a)", "AU-12(c)", "AU-12(1)", "AU-12(2)", "AU-12(3)", "AU-12(4)", "AU-14(a)",
#       "AU-14(b)", "AU-14(3)", "AU-16", "CA-7(b)", "CM-5(1)(b)", "CM-6(a)", "CM-9(b)",
#       "IA-3(3)(b)", "MA-4(1)(a)", "PM-14(a)(1)", "PM-14(b)", "PM-31", "SC-7(9)(b)", "SI-1(1)(c)",
#       "SI-3(8)(b)", "SI-4(2)", "SI-4(17)", "SI-4(20)", "SI-7(8)", "SI-10(1)(c)"]
#     ISO_27001_2022: ["A.8.15", "A.8.16"]
#     GDPR: ["Article 25", "Article 30"]
package cspm.checks.aws.cloudtrail.cloudwatch_logs

deny contains {"resource": id, "message": "trail does not deliver events to CloudWatch Logs"} if {
	some id, trail in input.resources.aws_cloudtrail_trail
	not delivers(trail.config)
}

delivers(config) if {
	config.is_logging == true
	is_string(config.cloud_watch_logs_log_group_arn)
	config.cloud_watch_logs_log_group_arn != ""
}
