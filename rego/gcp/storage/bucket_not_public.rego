# METADATA
# title: Cloud Storage buckets are not public
# description: >-
#   A bucket whose IAM policy or ACL grants a role to allUsers or allAuthenticatedUsers
#   serves its objects to anyone on the internet (or any Google account).
# custom:
#   id: GCP-STORAGE-001
#   severity: CRITICAL
#   resource_type: google_storage_bucket
#   remediation: >-
#     Remove the public members (`gcloud storage buckets remove-iam-policy-binding
#     gs://BUCKET --member allUsers --role ROLE`), drop public ACL entries, and set public
#     access prevention (`--public-access-prevention`).
#   compliance:
#     CIS_GCP_v4.0: ["5.1"]
#     PCI_DSS_v4.0: ["1.2.5", "1.2.8", "1.3.1", "1.3.2", "1.4.2", "1.4.4", "1.5.1", "2.2.5",
#       "3.5.1.3", "4.2.1", "7.2.1", "7.2.2", "7.2.5", "7.2.6", "7.3.1", "7.3.2", "7.3.3", "8.2.7",
#       "8.2.8", "8.3.2", "8.3.4", "10.3.2", "10.3.3", "10.3.4", "10.6.3", "A1.1.2", "A1.1.3",
#       "A1.2.1", "A3.4.1"]
#     SOC2: ["CC6.1", "C1.1"]
#     NIST_800_53_r5: ["AC-2(6)", "AC-3", "AC-3(7)", "AC-4(21)", "AC-6", "AC-17(b)", "AC-17(1)",
#       "AC-17(4)(a)", "AC-17(9)", "AC-17(10)", "CM-6(a)", "CM-9(b)", "MP-2", "SC-7(2)", "SC-7(3)",
#       "SC-7(7)", "SC-7(9)(a)", "SC-7(11)", "SC-7(12)", "SC-7(16)", "SC-7(20)", "SC-7(21)",
#       "SC-7(24)(b)", "SC-7(25)", "SC-7(26)", "SC-7(27)", "SC-7(28)", "SC-7(a)", "SC-7(b)",
#       "SC-7(c)", "SC-25"]
#     ISO_27001_2022: ["A.8.1", "A.8.12"]
package cspm.checks.gcp.storage.bucket_not_public

import data.cspm.lib.gcp.iam

deny contains {"resource": id, "message": msg} if {
	some id, bucket in input.resources.google_storage_bucket
	not prevention_enforced(bucket)
	grants := iam.public_grants(bucket.config.iam_bindings)
	count(grants) > 0
	msg := sprintf("bucket IAM policy is public: %s", [concat("; ", sort(grants))])
}

deny contains {"resource": id, "message": msg} if {
	some id, bucket in input.resources.google_storage_bucket
	not prevention_enforced(bucket)
	entries := {sprintf("%s to %s", [e.role, e.entity]) |
		some e in bucket.config.acl
		e.entity in iam.public_members
	}
	count(entries) > 0
	msg := sprintf("bucket ACL is public: %s", [concat("; ", sort(entries))])
}

# prevention_enforced holds when public access prevention is enforced on the bucket:
# Cloud Storage then refuses every allUsers and allAuthenticatedUsers grant of its IAM
# policy and ACLs, whatever they still list.
prevention_enforced(bucket) if bucket.config.public_access_prevention == "enforced"
