# METADATA
# title: No attached IAM policy allows full "*:*" administrative privileges
# description: >-
#   A policy with an Allow statement on Action "*" and Resource "*" grants everything;
#   attached to an identity it defeats least privilege.
# custom:
#   id: AWS-IAM-010
#   severity: HIGH
#   resource_type: aws_iam_policy
#   remediation: >-
#     Detach the policy from every user, group and role, and give each of them a policy
#     listing only the actions and resources they need (IAM Access Analyzer can generate
#     one from CloudTrail activity). Keep break-glass admin access on a single, monitored role.
#   compliance:
#     CIS_AWS_v5.0: ["1.15"]
#     PCI_DSS_v4.0: ["7.2.1", "7.2.2"]
#     SOC2: ["CC6.3"]
package cspm.checks.aws.iam.no_full_admin_policy

import data.cspm.lib.aws.iam

deny contains {"resource": id, "message": msg} if {
	some id, policy in input.resources.aws_iam_policy
	n := policy.config.attachment_count
	n > 0
	some stmt in policy.config.document.Statement
	iam.allows_full_admin(stmt)
	msg := sprintf("policy allows \"*\" on \"*\" and is attached to %d identities", [n])
}
