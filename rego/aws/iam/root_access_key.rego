# METADATA
# title: The root user has no access keys
# description: >-
#   Access keys for the root user give unrestricted, non-MFA programmatic control of the
#   whole account and cannot be limited by IAM policies.
# custom:
#   id: AWS-IAM-001
#   severity: CRITICAL
#   resource_type: aws_account
#   remediation: >-
#     Sign in as the root user, open Security credentials, deactivate and then delete
#     every access key under "Access keys". Give automation an IAM role instead.
#   compliance:
#     CIS_AWS_v5.0: ["1.3"]
#     PCI_DSS_v4.0: ["8.2.2"]
#     SOC2: ["CC6.1"]
package cspm.checks.aws.iam.root_access_key

deny contains {"resource": id, "message": msg} if {
	some id, account in input.resources.aws_account
	n := account.config.root_user.access_keys_present
	n > 0
	msg := sprintf("the root user has %d access key(s)", [n])
}
