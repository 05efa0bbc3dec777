# METADATA
# title: Service accounts have only Google-managed keys
# description: >-
#   A user-managed key is a long-lived credential that can be copied out of the project
#   and used from anywhere; Google-managed keys never leave Google and rotate on their own.
# custom:
#   id: GCP-IAM-001
#   severity: MEDIUM
#   resource_type: google_service_account
#   remediation: >-
#     Delete the user-managed keys (`gcloud iam service-accounts keys delete KEY_ID
#     --iam-account EMAIL`) and let workloads use an attached service account or
#     Workload Identity Federation instead of a key file.
#   compliance:
#     CIS_GCP_v4.0: ["1.4"]
#     PCI_DSS_v4.0: ["8.6.3"]
#     SOC2: ["CC6.1"]
package cspm.checks.gcp.iam.sa_user_managed_keys

deny contains {"resource": id, "message": msg} if {
	some id, account in input.resources.google_service_account
	keys := sort([k.key_id | some k in account.config.keys; k.key_type == "USER_MANAGED"])
	count(keys) > 0
	msg := sprintf("service account has user-managed key(s): %s", [concat(", ", keys)])
}
