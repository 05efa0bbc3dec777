# METADATA
# title: S3 bucket policies grant no access to other AWS accounts
# description: >-
#   An Allow statement naming another account (its root, a role or a user in it) hands
#   part of the bucket's data to identities this account does not manage or review.
#   Sharing with a partner may be intended; it should then be known, narrow and waived
#   explicitly. Public ("*") policies are AWS-S3-005's concern; service principals are
#   not accounts.
# custom:
#   id: AWS-S3-008
#   severity: MEDIUM
#   resource_type: aws_s3_bucket
#   remediation: >-
#     Remove the statement with `aws s3api put-bucket-policy` (or `delete-bucket-policy`),
#     or share through an access point or a role in this account that the partner
#     assumes, and waive the finding if the sharing is intended.
#   compliance:
#     PCI_DSS_v4.0: ["7.2.1", "7.2.2", "7.2.5", "7.2.6", "7.3.1", "7.3.2", "7.3.3", "8.2.7",
#       "8.2.8", "8.3.4", "10.6.3"]
package cspm.checks.aws.s3.no_cross_account_access

import data.cspm.lib.aws.iam

own contains id if some id, _ in input.resources.aws_account

deny contains {"resource": id, "message": msg} if {
	some id, bucket in input.resources.aws_s3_bucket
	others := {account |
		some stmt in bucket.config.policy.Statement
		stmt.Effect == "Allow"
		some principal in iam.as_list(stmt.Principal.AWS)
		account := account_of(principal)
		not account in own
	}
	count(others) > 0
	msg := sprintf("bucket policy allows other AWS accounts: %s", [concat(", ", sort(others))])
}

account_of(principal) := principal if regex.match(`^[0-9]{12}$`, principal)

account_of(principal) := parts[4] if {
	parts := split(principal, ":")
	count(parts) > 5
	parts[0] == "arn"
	regex.match(`^[0-9]{12}$`, parts[4])
}
