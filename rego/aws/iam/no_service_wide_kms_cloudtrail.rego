# METADATA
# title: Customer managed policies do not grant every KMS or CloudTrail action
# description: >-
#   "kms:*" lets a principal change key policies, disable keys and schedule their
#   deletion; "cloudtrail:*" lets it stop or delete the trail that records what it does.
#   Both should be granted action by action to the few roles that administer them.
#   Full administrator ("*") policies are AWS-IAM-010's concern.
# custom:
#   id: AWS-IAM-019
#   severity: MEDIUM
#   resource_type: aws_iam_policy
#   remediation: >-
#     Replace "kms:*" and "cloudtrail:*" with the actions the policy's users need (for
#     example kms:Encrypt, kms:Decrypt, kms:GenerateDataKey* on named keys), then publish
#     the new default version with `aws iam create-policy-version --set-as-default`.
#   compliance:
#     PCI_DSS_v4.0: ["3.5.1.1", "3.5.1.3", "3.6.1", "3.6.1.2", "3.6.1.3", "3.6.1.4", "3.7.1",
#       "3.7.2", "3.7.4", "3.7.6", "3.7.7", "4.2.1.1", "7.2.1", "7.2.2", "7.2.3", "7.2.5", "7.3.1",
#       "7.3.2", "7.3.3", "8.2.7", "8.2.8", "8.3.4"]
#     SOC2: ["CC3.3"]
package cspm.checks.aws.iam.no_service_wide_kms_cloudtrail

services := {"kms", "cloudtrail"}

deny contains {"resource": id, "message": msg} if {
	some id, policy in input.resources.aws_iam_policy
	policy.config.aws_managed == false
	wide := {action |
		some stmt in policy.config.document.Statement
		stmt.Effect == "Allow"
		some action in stmt.Action
		service_wide(action)
	}
	count(wide) > 0
	msg := sprintf("policy allows %s", [concat(", ", sort(wide))])
}

service_wide(action) if {
	parts := split(lower(action), ":")
	count(parts) == 2
	parts[0] in services
	parts[1] == "*"
}
