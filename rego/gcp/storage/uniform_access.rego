# METADATA
# title: Cloud Storage buckets use uniform bucket-level access
# description: >-
#   With uniform bucket-level access only IAM decides who reads a bucket; without it, each
#   object can carry its own ACL, and one public object ACL is enough to leak data that
#   the bucket's policy keeps private.
# custom:
#   id: GCP-STORAGE-002
#   severity: MEDIUM
#   resource_type: google_storage_bucket
#   remediation: >-
#     `gcloud storage buckets update gs://BUCKET --uniform-bucket-level-access` after moving
#     any access granted by ACLs into IAM.
#   compliance:
#     CIS_GCP_v4.0: ["5.2"]
#     PCI_DSS_v4.0: ["7.2.1"]
#     SOC2: ["CC6.1"]
package cspm.checks.gcp.storage.uniform_access

deny contains {"resource": id, "message": "uniform bucket-level access is off"} if {
	some id, bucket in input.resources.google_storage_bucket
	bucket.config.uniform_bucket_level_access == false
}
