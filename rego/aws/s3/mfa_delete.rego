# METADATA
# title: S3 buckets have MFA delete enabled
# description: >-
#   With MFA delete, removing an object version or suspending versioning needs the root
#   user's MFA code, so stolen credentials alone cannot destroy a bucket's history.
# custom:
#   id: AWS-S3-004
#   severity: LOW
#   resource_type: aws_s3_bucket
#   remediation: >-
#     As the root user with its MFA device, run `aws s3api put-bucket-versioning
#     --bucket NAME --versioning-configuration Status=Enabled,MFADelete=Enabled
#     --mfa "SERIAL CODE"`.
#   compliance:
#     CIS_AWS_v5.0: ["2.1.2"]
#     PCI_DSS_v4.0: ["3.5.1.3", "8.4.1", "8.4.2", "8.4.3", "10.3.2", "A1.1.2", "A3.4.1"]
#     SOC2: ["PI1.5"]
package cspm.checks.aws.s3.mfa_delete

deny contains {"resource": id, "message": msg} if {
	some id, bucket in input.resources.aws_s3_bucket
	not bucket.config.versioning.mfa_delete
	msg := sprintf("MFA delete is off (versioning is %s)", [bucket.config.versioning.status])
}
