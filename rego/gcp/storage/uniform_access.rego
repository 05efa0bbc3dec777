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
#     PCI_DSS_v4.0: ["1.2.5", "1.2.8", "1.3.1", "1.3.2", "1.4.2", "1.5.1", "2.2.5", "2.2.7",
#       "3.5.1", "3.5.1.3", "4.2.1", "4.2.1.1", "7.2.1", "7.2.2", "7.2.5", "7.2.6", "7.3.1",
#       "7.3.2", "7.3.3", "8.2.7", "8.2.8", "8.3.2", "8.3.4", "10.3.2", "10.3.3", "10.3.4",
#       "10.6.3", "A1.1.2", "A1.1.3", "A1.2.1", "A3.4.1"]
#     SOC2: ["CC6.1", "PI1.4"]
package cspm.checks.gcp.storage.uniform_access

deny contains {"resource": id, "message": "uniform bucket-level access is off"} if {
	some id, bucket in input.resources.google_storage_bucket
	bucket.config.uniform_bucket_level_access == false
}
