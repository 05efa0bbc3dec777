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
#     PCI_DSS_v4.0: ["8.3.9", "8.6.3"]
#     SOC2: ["CC6.1"]
package cspm.checks.gcp.apikeys.key_rotation

import data.cspm.lib.time

max_days := 90

deny contains {"resource": id, "message": msg} if {
	some id, key in input.resources.google_apikeys_key
	days := time.age_days(key.config.create_time)
	days > max_days
	msg := sprintf("API key is %d days old (limit %d)", [days, max_days])
}
