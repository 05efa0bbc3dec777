# METADATA
# title: Cloud KMS keys are not accessible to allUsers or allAuthenticatedUsers
# description: >-
#   A key whose IAM policy names allUsers or allAuthenticatedUsers lets anyone on the
#   internet (or any Google account) use or manage it, and so read what it protects.
# custom:
#   id: GCP-KMS-001
#   severity: CRITICAL
#   resource_type: google_kms_crypto_key
#   remediation: >-
#     Remove the public members from the key's policy (`gcloud kms keys
#     remove-iam-policy-binding KEY --keyring RING --location LOC --member allUsers --role
#     ROLE`).
#   compliance:
#     CIS_GCP_v4.0: ["1.9"]
#     PCI_DSS_v4.0: ["3.5.1", "3.5.1.1", "3.5.1.3", "3.6.1", "3.6.1.2", "3.6.1.3", "3.6.1.4",
#       "3.7.1", "3.7.2", "3.7.4", "3.7.5", "3.7.6", "3.7.7", "4.2.1.1", "7.2.1", "7.2.2", "7.2.3",
#       "7.2.5", "7.3.1", "7.3.2", "7.3.3", "8.2.7", "8.2.8", "8.3.2", "8.3.4", "10.3.3", "A1.2.1"]
#     SOC2: ["CC6.1"]
#     ISO_27001_2022: ["A.8.1", "A.8.12", "A.8.24"]
package cspm.checks.gcp.kms.key_not_public

import data.cspm.lib.gcp.iam

deny contains {"resource": id, "message": msg} if {
	some id, key in input.resources.google_kms_crypto_key
	grants := iam.public_grants(key.config.iam_bindings)
	count(grants) > 0
	msg := sprintf("key is public: %s", [concat("; ", sort(grants))])
}
