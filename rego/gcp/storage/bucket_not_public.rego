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
#     PCI_DSS_v4.0: ["1.4.4", "7.2.1"]
#     SOC2: ["CC6.1", "C1.1"]
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
