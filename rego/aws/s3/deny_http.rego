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
#     PCI_DSS_v4.0: ["1.2.5", "2.2.5", "2.2.7", "4.2.1", "4.2.1.1", "8.3.2"]
#     SOC2: ["CC6.7"]
#     NIST_800_53_r5: ["AC-4", "AC-4(22)", "AC-17(2)", "AC-24(1)", "AU-9(3)", "CA-9(b)", "CM-6(a)",
#       "CM-9(b)", "IA-5(1)(c)", "PM-11(b)", "PM-17(b)", "SC-7(4)(b)", "SC-7(4)(g)", "SC-7(5)",
#       "SC-8", "SC-8(1)", "SC-8(2)", "SC-8(3)", "SC-8(4)", "SC-8(5)", "SC-13(a)", "SC-16(1)",
#       "SC-23", "SI-1(a)(2)"]
#     ISO_27001_2022: ["A.8.12"]
#     GDPR: ["Article 32"]
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
