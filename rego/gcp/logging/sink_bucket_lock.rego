# METADATA
# title: Buckets that receive exported logs have a locked retention policy
# description: >-
#   Without a locked retention policy, anyone who can delete objects in the bucket can
#   erase the log history an investigation needs. Applies to buckets that are the
#   destination of one of the project's log sinks.
# custom:
#   id: GCP-LOGGING-003
#   severity: MEDIUM
#   resource_type: google_storage_bucket
#   remediation: >-
#     Set a retention policy and lock it (`gcloud storage buckets update gs://BUCKET
#     --retention-period 365d` then `--lock-retention-period`); locking cannot be undone.
#   compliance:
#     CIS_GCP_v4.0: ["2.3"]
#     PCI_DSS_v4.0: ["10.3.2", "10.5.1"]
#     SOC2: ["CC7.2"]
package cspm.checks.gcp.logging.sink_bucket_lock

sink_buckets contains name if {
	some sink in input.resources.google_logging_project_sink
	startswith(sink.config.destination, "storage.googleapis.com/")
	name := substring(sink.config.destination, count("storage.googleapis.com/"), -1)
}

applies contains id if {
	some id, bucket in input.resources.google_storage_bucket
	bucket.name in sink_buckets
}

deny contains {"resource": id, "message": "log bucket has no retention policy"} if {
	some id in applies
	is_null(input.resources.google_storage_bucket[id].config.retention_policy)
}

deny contains {"resource": id, "message": "log bucket's retention policy is not locked"} if {
	some id in applies
	input.resources.google_storage_bucket[id].config.retention_policy.is_locked == false
}
