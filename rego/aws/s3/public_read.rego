# METADATA
# title: S3 buckets are not publicly readable
# description: >-
#   An ACL grant to AllUsers or AuthenticatedUsers, or a bucket policy that AWS evaluates
#   as public, lets anyone (or any AWS account) read the bucket, unless Block Public
#   Access neutralises it: IgnorePublicAcls for grants, RestrictPublicBuckets for the
#   policy, at the bucket or the account level.
# custom:
#   id: AWS-S3-005
#   severity: HIGH
#   resource_type: aws_s3_bucket
#   remediation: >-
#     Remove the public ACL grants (`aws s3api put-bucket-acl --acl private`) and the
#     public policy statements, then turn on Block Public Access for the bucket and the
#     account. Serve public content through CloudFront with origin access control.
#   compliance:
#     CIS_AWS_v5.0: ["2.1.4"]
#     PCI_DSS_v4.0: ["1.2.8", "1.3.1", "1.3.2", "1.4.1", "1.4.2", "1.5.1", "3.5.1.3", "7.2.1",
#       "10.3.2", "10.3.3", "10.3.4", "A1.1.2", "A1.1.3", "A1.2.1", "A3.4.1"]
#     SOC2: ["CC6.1", "CC6.6"]
#     NIST_800_53_r5: ["AC-2(6)", "AC-3", "AC-3(7)", "AC-4(21)", "AC-6", "AC-17(b)", "AC-17(1)",
#       "AC-17(4)(a)", "AC-17(9)", "AC-17(10)", "CM-6(a)", "CM-9(b)", "MP-2", "SC-7(2)", "SC-7(3)",
#       "SC-7(7)", "SC-7(9)(a)", "SC-7(11)", "SC-7(12)", "SC-7(16)", "SC-7(20)", "SC-7(21)",
#       "SC-7(24)(b)", "SC-7(25)", "SC-7(26)", "SC-7(27)", "SC-7(28)", "SC-7(a)", "SC-7(b)",
#       "SC-7(c)", "SC-25"]
#     ISO_27001_2022: ["A.8.1", "A.8.12"]
package cspm.checks.aws.s3.public_read

public_groups := {
	"http://acs.amazonaws.com/groups/global/AllUsers",
	"http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
}

deny contains {"resource": id, "message": msg} if {
	some id, bucket in input.resources.aws_s3_bucket
	reasons := [r | some r in public_reasons(bucket)]
	count(reasons) > 0
	msg := sprintf("bucket is publicly readable: %s", [concat("; ", sort(reasons))])
}

public_reasons(bucket) := {r |
	some grant in bucket.config.acl_grants
	grant.grantee_uri in public_groups
	not blocked(bucket, "ignore_public_acls")
	r := sprintf("ACL grants %s to %s", [grant.permission, group_name(grant.grantee_uri)])
} | {r |
	bucket.config.policy_is_public == true
	not blocked(bucket, "restrict_public_buckets")
	r := "bucket policy is public"
}

group_name(uri) := name if {
	parts := split(uri, "/")
	name := parts[count(parts) - 1]
}

blocked(bucket, setting) if bucket.config.public_access_block[setting] == true

blocked(_, setting) if {
	some account in input.resources.aws_account
	account.config.s3_public_access_block[setting] == true
}
