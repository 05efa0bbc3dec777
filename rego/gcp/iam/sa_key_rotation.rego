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
#     PCI_DSS_v4.0: ["8.3.9", "8.6.3"]
#     SOC2: ["CC6.1"]
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
