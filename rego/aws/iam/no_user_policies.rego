# METADATA
# title: IAM users receive permissions only through groups
# description: >-
#   Policies attached to or embedded in individual users are hard to review and tend to
#   outlive the need for them; permissions belong on groups or roles.
# custom:
#   id: AWS-IAM-009
#   severity: LOW
#   resource_type: aws_iam_user
#   remediation: >-
#     Put the user in a group that carries the needed policies, then detach the managed
#     policies (`aws iam detach-user-policy`) and delete the inline ones
#     (`aws iam delete-user-policy`) from the user.
#   compliance:
#     CIS_AWS_v5.0: ["1.14"]
#     PCI_DSS_v4.0: ["7.2.1", "7.2.2"]
#     SOC2: ["CC6.3"]
package cspm.checks.aws.iam.no_user_policies

deny contains {"resource": id, "message": msg} if {
	some id, user in input.resources.aws_iam_user
	attached := count(user.config.attached_policy_arns)
	inline := count(user.config.inline_policy_names)
	attached + inline > 0
	msg := sprintf("user has %d attached and %d inline policies of its own", [attached, inline])
}
