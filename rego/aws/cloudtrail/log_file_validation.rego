# METADATA
# title: CloudTrail log file validation is enabled
# description: >-
#   Log file validation writes signed digest files, so tampering with or deleting
#   delivered log files can be detected.
# custom:
#   id: AWS-CLOUDTRAIL-002
#   severity: MEDIUM
#   resource_type: aws_cloudtrail_trail
#   remediation: >-
#     Run `aws cloudtrail update-trail --name <trail> --enable-log-file-validation`, and
#     verify logs with `aws cloudtrail validate-logs` when investigating.
#   compliance:
#     CIS_AWS_v5.0: ["3.2"]
#     PCI_DSS_v4.0: ["10.3.2", "10.3.3", "10.3.4", "A1.2.1"]
#     SOC2: ["CC7.2", "CC7.3", "PI1.3"]
#     NIST_800_53_r5: ["AU-9(a)", "CM-6(a)", "CM-9(b)", "PM-11(b)", "PM-17(b)", "SA-1(1)",
#       "SA-10(1)", "SC-16(1)", "SI-1(a)(2)", "SI-4(d)", "SI-7(1)", "SI-7(3)", "SI-7(7)", "SI-7(a)"]
#     ISO_27001_2022: ["A.8.15", "A.8.16"]
#     GDPR: ["Article 25", "Article 32"]
package cspm.checks.aws.cloudtrail.log_file_validation

deny contains {"resource": id, "message": "trail log file validation is disabled"} if {
	some id, trail in input.resources.aws_cloudtrail_trail
	not trail.config.log_file_validation_enabled
}
