# METADATA
# title: S3 buckets have Block Public Access enabled
# description: >-
#   With all four Block Public Access settings on, at the bucket or at the account level,
#   no ACL or bucket policy can make the bucket or its objects public.
# custom:
#   id: AWS-S3-002
#   severity: HIGH
#   resource_type: aws_s3_bucket
#   remediation: >-
#     Turn on all four settings for the bucket (`aws s3api put-public-access-block
#     --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,
#     BlockPublicPolicy=true,RestrictPublicBuckets=true`), or for the whole account with
#     `aws s3control put-public-access-block`. Serve public content through CloudFront
#     with origin access control instead.
#   compliance:
#     CIS_AWS_v5.0: ["2.1.4"]
#     PCI_DSS_v4.0: ["1.3.1", "1.4.2"]
#     SOC2: ["CC6.1"]
package cspm.checks.aws.s3.block_public_access

settings := ["block_public_acls", "ignore_public_acls", "block_public_policy", "restrict_public_buckets"]

deny contains {"resource": id, "message": msg} if {
	some id, bucket in input.resources.aws_s3_bucket
	off := [s |
		some s in settings
		not bucket.config.public_access_block[s]
		not account_level[s]
	]
	count(off) > 0
	msg := sprintf("Block Public Access is off at bucket and account level for: %s", [concat(", ", off)])
}

# account_level contains the settings turned on account-wide.
account_level contains s if {
	some account in input.resources.aws_account
	some s, on in account.config.s3_public_access_block
	on == true
}
