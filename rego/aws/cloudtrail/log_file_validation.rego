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
#     PCI_DSS_v4.0: ["10.3.4"]
#     SOC2: ["CC7.2"]
package cspm.checks.aws.cloudtrail.log_file_validation

deny contains {"resource": id, "message": "trail log file validation is disabled"} if {
	some id, trail in input.resources.aws_cloudtrail_trail
	not trail.config.log_file_validation_enabled
}
