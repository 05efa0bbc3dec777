# METADATA
# title: User-managed service account keys are rotated every 90 days
# description: >-
#   The longer a key lives, the more places it has been copied to and the longer a leaked
#   copy stays useful. Keys are aged from their validAfterTime to the snapshot's time.
# custom:
#   id: GCP-IAM-004
#   severity: MEDIUM
#   resource_type: google_service_account
#   remediation: >-
#     Create a new key, move its users to it, then delete the old one
#     (`gcloud iam service-accounts keys create` / `keys delete`); better, remove the need
#     for keys altogether.
#   compliance:
#     CIS_GCP_v4.0: ["1.7"]
#     PCI_DSS_v4.0: ["3.7.5", "7.2.5.1", "8.3.5", "8.3.7", "8.3.9", "8.3.10.1", "8.6.3"]
#     SOC2: ["CC6.1"]
#     NIST_800_53_r5: ["AC-2(1)", "AC-3(3)", "AC-3(3)(a)", "AC-3(3)(b)(1)", "AC-3(3)(b)(2)",
#       "AC-3(3)(b)(3)", "AC-3(3)(b)(4)", "AC-3(3)(b)(5)", "AC-3(3)(c)", "AC-3(4)", "AC-3(4)(a)",
#       "AC-3(4)(b)", "AC-3(4)(c)", "AC-3(4)(d)", "AC-3(4)(e)", "AC-3(8)", "AC-3(12)(a)",
#       "AC-3(13)", "AC-3(15)(a)", "AC-3(15)(b)", "AC-4(28)", "AC-24", "CM-5(1)(a)", "CM-6(a)",
#       "CM-9(b)", "SC-23(3)"]
#     ISO_27001_2022: ["A.5.16", "A.5.17"]
#     GDPR: ["Article 25"]
package cspm.checks.gcp.iam.sa_key_rotation

import data.cspm.lib.time

max_days := 90

deny contains {"resource": id, "message": msg} if {
	some id, account in input.resources.google_service_account
	some key in account.config.keys
	key.key_type == "USER_MANAGED"
	key.disabled == false
	days := time.age_days(key.valid_after)
	days > max_days
	msg := sprintf("user-managed key %s is %d days old (limit %d)", [key.key_id, days, max_days])
}
