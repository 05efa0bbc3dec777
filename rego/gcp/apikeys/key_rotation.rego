# METADATA
# title: API keys are rotated every 90 days
# description: >-
#   API keys do not expire; an old key has had longer to leak through code, logs and
#   browsers. Keys are aged from their creation to the snapshot's time.
# custom:
#   id: GCP-APIKEYS-003
#   severity: MEDIUM
#   resource_type: google_apikeys_key
#   remediation: >-
#     Create a replacement key with the same restrictions, move its users over, and delete
#     the old key (`gcloud services api-keys create` / `delete`).
#   compliance:
#     CIS_GCP_v4.0: ["1.15"]
#     PCI_DSS_v4.0: ["8.3.5", "8.3.9", "8.6.3"]
#     SOC2: ["CC6.1"]
#     NIST_800_53_r5: ["AC-2(1)", "AC-3(3)", "AC-3(3)(a)", "AC-3(3)(b)(1)", "AC-3(3)(b)(2)",
#       "AC-3(3)(b)(3)", "AC-3(3)(b)(4)", "AC-3(3)(b)(5)", "AC-3(3)(c)", "AC-3(4)", "AC-3(4)(a)",
#       "AC-3(4)(b)", "AC-3(4)(c)", "AC-3(4)(d)", "AC-3(4)(e)", "AC-3(8)", "AC-3(12)(a)",
#       "AC-3(13)", "AC-3(15)(a)", "AC-3(15)(b)", "AC-4(28)", "AC-24", "CM-5(1)(a)", "CM-6(a)",
#       "CM-9(b)", "SC-23(3)"]
#     ISO_27001_2022: ["A.5.16", "A.5.17", "A.8.12"]
#     GDPR: ["Article 25"]
package cspm.checks.gcp.apikeys.key_rotation

import data.cspm.lib.time

max_days := 90

deny contains {"resource": id, "message": msg} if {
	some id, key in input.resources.google_apikeys_key
	days := time.age_days(key.config.create_time)
	days > max_days
	msg := sprintf("API key is %d days old (limit %d)", [days, max_days])
}
