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
#     PCI_DSS_v4.0: ["1.4.1", "7.2.1"]
#     SOC2: ["CC6.1", "CC6.6"]
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
