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
#     PCI_DSS_v4.0: ["1.2.8", "1.3.1", "1.3.2", "1.4.2", "1.5.1", "3.5.1.3", "10.3.2", "A1.1.2",
#       "A1.1.3", "A3.4.1"]
#     SOC2: ["CC6.1"]
#     NIST_800_53_r5: ["AC-2(6)", "AC-3", "AC-3(7)", "AC-4(21)", "AC-6", "AC-17(b)", "AC-17(1)",
#       "AC-17(4)(a)", "AC-17(9)", "AC-17(10)", "CM-6(a)", "CM-9(b)", "MP-2", "SC-7(2)", "SC-7(3)",
#       "SC-7(7)", "SC-7(9)(a)", "SC-7(11)", "SC-7(12)", "SC-7(16)", "SC-7(20)", "SC-7(21)",
#       "SC-7(24)(b)", "SC-7(25)", "SC-7(26)", "SC-7(27)", "SC-7(28)", "SC-7(a)", "SC-7(b)",
#       "SC-7(c)", "SC-25"]
#     ISO_27001_2022: ["A.8.1"]
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
