# METADATA
# title: Cloud KMS symmetric keys rotate at least every 90 days
# description: >-
#   Rotation limits how much data one key version protects and how long a leaked version
#   stays useful. Only symmetric encryption keys can rotate automatically, so the check
#   applies to them.
# custom:
#   id: GCP-KMS-002
#   severity: MEDIUM
#   resource_type: google_kms_crypto_key
#   remediation: >-
#     Set a rotation schedule of 90 days or less (`gcloud kms keys update KEY --keyring RING
#     --location LOC --rotation-period 90d --next-rotation-time TIME`).
#   compliance:
#     CIS_GCP_v4.0: ["1.10"]
#     PCI_DSS_v4.0: ["3.5.1", "3.5.1.1", "3.5.1.3", "3.6.1", "3.6.1.2", "3.6.1.3", "3.6.1.4",
#       "3.7.1", "3.7.2", "3.7.4", "3.7.5", "3.7.6", "3.7.7", "4.2.1.1", "7.2.1", "7.2.2", "7.2.3",
#       "7.2.5", "7.3.1", "7.3.2", "7.3.3", "8.2.7", "8.2.8", "8.3.2", "8.3.4", "8.3.5", "8.3.7",
#       "8.3.9", "8.3.10.1", "8.6.3", "10.3.3", "A1.2.1"]
#     SOC2: ["CC6.1", "PI1.5"]
#     NIST_800_53_r5: ["CM-6(a)", "CM-9(b)", "SA-9(6)", "SC-12", "SC-12(2)", "SC-12(6)"]
#     ISO_27001_2022: ["A.5.16", "A.8.12", "A.8.24"]
#     GDPR: ["Article 25", "Article 30"]
package cspm.checks.gcp.kms.key_rotation

max_seconds := ((90 * 24) * 60) * 60

applies contains id if {
	some id, key in input.resources.google_kms_crypto_key
	key.config.purpose == "ENCRYPT_DECRYPT"
}

deny contains {"resource": id, "message": "key has no automatic rotation"} if {
	some id in applies
	key := input.resources.google_kms_crypto_key[id]
	is_null(key.config.rotation_period_seconds)
}

deny contains {"resource": id, "message": msg} if {
	some id in applies
	key := input.resources.google_kms_crypto_key[id]
	key.config.rotation_period_seconds > max_seconds
	days := key.config.rotation_period_seconds / 86400
	msg := sprintf("key rotates every %v days (limit 90)", [days])
}

deny contains {"resource": id, "message": "key has a rotation period but no next rotation time"} if {
	some id in applies
	key := input.resources.google_kms_crypto_key[id]
	is_number(key.config.rotation_period_seconds)
	is_null(key.config.next_rotation_time)
}
