# METADATA
# title: The root user has a hardware MFA device
# description: >-
#   A virtual MFA app lives on a phone or laptop that is itself exposed to malware and
#   loss; CIS asks for a hardware device for the account's most powerful user.
# custom:
#   id: AWS-IAM-014
#   severity: MEDIUM
#   resource_type: aws_account
#   remediation: >-
#     Sign in as root, remove the virtual MFA device, and register a hardware TOTP token
#     or a FIDO security key (IAM console, Security credentials, Assign MFA device).
#   compliance:
#     CIS_AWS_v5.0: ["1.5"]
#     PCI_DSS_v4.0: ["8.4.1"]
#     SOC2: ["CC6.1"]
package cspm.checks.aws.iam.root_hardware_mfa

deny contains {"resource": id, "message": "the root user has no MFA device"} if {
	some id, account in input.resources.aws_account
	not account.config.root_user.mfa_active
}

deny contains {"resource": id, "message": "the root user's MFA device is a virtual one"} if {
	some id, account in input.resources.aws_account
	account.config.root_user.mfa_active == true
	account.config.root_virtual_mfa == true
}
