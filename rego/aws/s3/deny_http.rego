# METADATA
# title: S3 buckets deny requests over plain HTTP
# description: >-
#   Without a bucket policy statement that denies requests where aws:SecureTransport
#   is false, clients can read and write objects over unencrypted HTTP.
# custom:
#   id: AWS-S3-001
#   severity: MEDIUM
#   resource_type: aws_s3_bucket
#   remediation: >-
#     Add a bucket policy statement with Effect Deny, Principal "*", Action "s3:*",
#     the bucket and its objects as Resource, and the condition
#     {"Bool": {"aws:SecureTransport": "false"}}.
#   compliance:
#     CIS_AWS_v5.0: ["2.1.1"]
#     PCI_DSS_v4.0: ["4.2.1"]
#     SOC2: ["CC6.7"]
package cspm.checks.aws.s3.deny_http

import data.cspm.lib.aws.iam

deny contains {"resource": id, "message": "bucket policy does not deny requests made over plain HTTP"} if {
	some id, bucket in input.resources.aws_s3_bucket
	not denies_insecure_transport(bucket.config.policy)
}

denies_insecure_transport(policy) if {
	some stmt in policy.Statement
	stmt.Effect == "Deny"
	iam.statement_principal_is_anyone(stmt)
	iam.action_matches(stmt.Action, "s3:*")
	lower(stmt.Condition.Bool["aws:SecureTransport"]) == "false"
}
