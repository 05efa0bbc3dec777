# METADATA
# title: CloudWatch log groups keep their events for at least a year
# description: >-
#   Audit and application logs are evidence for investigations that often start months
#   after the event; PCI DSS asks for a year of audit log history. A log group whose
#   retention is shorter deletes that evidence on schedule. Groups that never expire
#   their events pass.
# custom:
#   id: AWS-CLOUDWATCH-017
#   severity: LOW
#   resource_type: aws_cloudwatch_log_group
#   remediation: >-
#     Run `aws logs put-retention-policy --log-group-name <name> --retention-in-days 365`
#     (or longer), or export older events to S3 with a lifecycle rule before they expire.
#   compliance:
#     PCI_DSS_v4.0: ["3.2.1", "3.3.1.1", "3.3.1.3", "3.3.2", "3.3.3", "5.3.4", "10.5.1"]
#     SOC2: ["CC7.2", "CC7.3", "C1.2"]
#     NIST_800_53_r5: ["AC-16(b)", "AU-6(3)", "AU-6(4)", "AU-6(6)", "AU-6(9)", "AU-10", "AU-11",
#       "AU-11(1)", "AU-12(1)", "AU-12(2)", "AU-12(3)", "AU-14(a)", "AU-14(b)", "CA-7(b)",
#       "PM-14(a)(1)", "PM-14(b)", "PM-21(b)", "PM-31", "SC-28(2)", "SI-4(17)", "SI-12"]
#     ISO_27001_2022: ["A.8.15", "A.8.16"]
package cspm.checks.aws.cloudwatch.log_group_retention

minimum_days := 365

deny contains {"resource": id, "message": msg} if {
	some id, group in input.resources.aws_cloudwatch_log_group
	days := group.config.retention_in_days
	is_number(days)
	days < minimum_days
	msg := sprintf("log group keeps events for %d day(s), fewer than %d", [days, minimum_days])
}
