# METADATA
# title: The root user has MFA enabled
# description: >-
#   Without multi-factor authentication, the password alone protects the one identity
#   that can do anything in the account, including closing it.
# custom:
#   id: AWS-IAM-002
#   severity: CRITICAL
#   resource_type: aws_account
#   remediation: >-
#     Sign in as the root user, open Security credentials, and assign an MFA device
#     (preferably a hardware security key) under "Multi-factor authentication".
#   compliance:
#     CIS_AWS_v5.0: ["1.4"]
#     PCI_DSS_v4.0: ["8.4.2", "8.4.3"]
#     SOC2: ["CC6.1"]
package cspm.checks.aws.iam.root_mfa

deny contains {"resource": id, "message": "the root user has no MFA device"} if {
	some id, account in input.resources.aws_account
	not account.config.root_user.mfa_active
}
