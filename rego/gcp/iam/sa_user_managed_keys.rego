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
#     PCI_DSS_v4.0: ["3.5.1.1", "3.5.1.3", "3.6.1.3", "3.6.1.4", "3.7.2", "3.7.7", "7.2.1",
#       "7.2.5.1", "7.3.1", "7.3.2", "7.3.3", "8.2.1", "8.2.2", "8.2.5", "8.6.3"]
#     SOC2: ["CC1.3", "CC6.1", "CC6.3"]
#     NIST_800_53_r5: ["AC-2(1)", "AC-2(3)(a)", "AC-2(3)(b)", "AC-2(3)(c)", "AC-2(3)(d)", "AC-2(3)",
#       "AC-2(6)", "AC-2(g)", "AC-2(j)", "AC-3", "AC-3(3)", "AC-3(3)(a)", "AC-3(3)(b)(1)",
#       "AC-3(3)(b)(2)", "AC-3(3)(b)(3)", "AC-3(3)(b)(4)", "AC-3(3)(b)(5)", "AC-3(3)(c)", "AC-3(4)",
#       "AC-3(4)(a)", "AC-3(4)(b)", "AC-3(4)(c)", "AC-3(4)(d)", "AC-3(4)(e)", "AC-3(7)", "AC-3(8)",
#       "AC-3(12)(a)", "AC-3(13)", "AC-3(15)(a)", "AC-3(15)(b)", "AC-4(28)", "AC-6", "AC-24",
#       "CM-5(1)(a)", "CM-6(a)", "CM-9(b)", "MP-2", "SC-23(3)"]
#     ISO_27001_2022: ["A.5.15", "A.8.2"]
#     GDPR: ["Article 25"]
package cspm.checks.gcp.iam.sa_user_managed_keys

deny contains {"resource": id, "message": msg} if {
	some id, account in input.resources.google_service_account
	keys := sort([k.key_id | some k in account.config.keys; k.key_type == "USER_MANAGED"])
	count(keys) > 0
	msg := sprintf("service account has user-managed key(s): %s", [concat(", ", keys)])
}
