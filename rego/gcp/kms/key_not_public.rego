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
#     PCI_DSS_v4.0: ["3.6.1", "7.2.1"]
#     SOC2: ["CC6.1"]
package cspm.checks.gcp.kms.key_not_public

import data.cspm.lib.gcp.iam

deny contains {"resource": id, "message": msg} if {
	some id, key in input.resources.google_kms_crypto_key
	grants := iam.public_grants(key.config.iam_bindings)
	count(grants) > 0
	msg := sprintf("key is public: %s", [concat("; ", sort(grants))])
}
