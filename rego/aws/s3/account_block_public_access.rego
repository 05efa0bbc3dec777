# METADATA
# title: S3 Block Public Access is enabled for the account
# description: >-
#   Account-level Block Public Access covers every bucket, including buckets created
#   later, so one misconfigured bucket cannot become public.
# custom:
#   id: AWS-S3-003
#   severity: HIGH
#   resource_type: aws_account
#   remediation: >-
#     After checking that no bucket must stay public, run `aws s3control
#     put-public-access-block --account-id <account> --public-access-block-configuration
#     BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true`.
#   compliance:
#     CIS_AWS_v5.0: ["2.1.4"]
#     PCI_DSS_v4.0: ["1.3.1", "1.4.2"]
#     SOC2: ["CC6.1"]
package cspm.checks.aws.s3.account_block_public_access

settings := ["block_public_acls", "ignore_public_acls", "block_public_policy", "restrict_public_buckets"]

deny contains {"resource": id, "message": "account-level S3 Block Public Access is not configured"} if {
	some id, account in input.resources.aws_account
	not is_object(account.config.s3_public_access_block)
}

deny contains {"resource": id, "message": msg} if {
	some id, account in input.resources.aws_account
	block := account.config.s3_public_access_block
	is_object(block)
	off := [s | some s in settings; not block[s]]
	count(off) > 0
	msg := sprintf("account-level S3 Block Public Access is off for: %s", [concat(", ", off)])
}
