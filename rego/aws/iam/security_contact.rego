# METADATA
# title: A security contact is registered for the account
# description: >-
#   AWS writes to the security alternate contact about abuse reports and compromised
#   resources; without one, those notices go to whoever reads the root e-mail, if anyone.
# custom:
#   id: AWS-IAM-018
#   severity: LOW
#   resource_type: aws_account
#   remediation: >-
#     Register a team mailbox and phone number as the SECURITY alternate contact
#     (`aws account put-alternate-contact --alternate-contact-type SECURITY ...`).
#   compliance:
#     CIS_AWS_v5.0: ["1.2"]
#     PCI_DSS_v4.0: ["A1.2.3"]
#     SOC2: ["CC7.4"]
#     ISO_27001_2022: ["A.5.5", "A.5.6"]
package cspm.checks.aws.iam.security_contact

deny contains {"resource": id, "message": "no security alternate contact is registered"} if {
	some id, account in input.resources.aws_account
	not account.config.security_contact_registered
}
