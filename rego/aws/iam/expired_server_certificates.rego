# METADATA
# title: Expired SSL/TLS certificates stored in IAM are removed
# description: >-
#   An expired server certificate left in IAM can be deployed by mistake to a load
#   balancer or CloudFront, breaking TLS for clients.
# custom:
#   id: AWS-IAM-012
#   severity: MEDIUM
#   resource_type: aws_iam_server_certificate
#   remediation: >-
#     Make sure nothing references the certificate, then delete it with
#     `aws iam delete-server-certificate --server-certificate-name <name>`; manage new
#     certificates in AWS Certificate Manager.
#   compliance:
#     CIS_AWS_v5.0: ["1.18"]
#     SOC2: ["CC6.7"]
package cspm.checks.aws.iam.expired_server_certificates

import data.cspm.lib.time

deny contains {"resource": id, "message": msg} if {
	some id, cert in input.resources.aws_iam_server_certificate
	expiration := cert.config.expiration
	time.before_taken_at(expiration)
	msg := sprintf("certificate expired %d days ago (%s)", [time.age_days(expiration), expiration])
}
