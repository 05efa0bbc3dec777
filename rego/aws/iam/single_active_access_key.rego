# METADATA
# title: IAM users have at most one active access key
# description: >-
#   Two active keys double the long-lived secrets to protect and usually mean an old key
#   was never retired after rotation.
# custom:
#   id: AWS-IAM-007
#   severity: LOW
#   resource_type: aws_iam_user
#   remediation: >-
#     Find which key is still in use (IAM > Users > Security credentials, "Last used"),
#     move every client to it, then deactivate and delete the other key.
#   compliance:
#     CIS_AWS_v5.0: ["1.12"]
#     SOC2: ["CC6.1"]
package cspm.checks.aws.iam.single_active_access_key

deny contains {"resource": id, "message": msg} if {
	some id, user in input.resources.aws_iam_user
	active := [key.access_key_id | some key in user.config.access_keys; key.status == "Active"]
	count(active) > 1
	msg := sprintf("user has %d active access keys: %s", [count(active), concat(", ", sort(active))])
}
