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
#     PCI_DSS_v4.0: ["1.3.2", "1.5.1", "3.2.1", "3.3.1.1", "3.3.1.3", "3.3.2", "3.3.3", "3.5.1",
#       "3.5.1.3", "5.3.4", "7.2.1", "7.2.2", "7.2.5", "7.2.6", "7.3.1", "7.3.2", "7.3.3", "8.2.7",
#       "8.2.8", "8.3.2", "8.3.4", "10.2.1", "10.2.1.1", "10.2.1.2", "10.2.1.3", "10.2.1.4",
#       "10.2.1.5", "10.2.1.6", "10.2.1.7", "10.2.2", "10.3.1", "10.3.2", "10.3.3", "10.3.4",
#       "10.5.1", "10.6.3", "A1.1.2", "A1.1.3", "A1.2.1", "A3.4.1"]
#     SOC2: ["CC7.2", "CC7.3", "A1.2", "C1.2", "PI1.5"]
#     NIST_800_53_r5: ["AC-16(b)", "AU-6(3)", "AU-6(4)", "AU-6(6)", "AU-6(9)", "AU-9(a)", "AU-10",
#       "AU-11", "AU-11(1)", "AU-12(1)", "AU-12(2)", "AU-12(3)", "AU-14(a)", "AU-14(b)", "CA-7(b)",
#       "CM-6(a)", "CM-9(b)", "PM-11(b)", "PM-14(a)(1)", "PM-14(b)", "PM-17(b)", "PM-21(b)",
#       "PM-31", "SA-1(1)", "SA-10(1)", "SC-16(1)", "SC-28(2)", "SI-1(a)(2)", "SI-4(d)", "SI-4(17)",
#       "SI-7(1)", "SI-7(3)", "SI-7(7)", "SI-7(a)", "SI-12"]
#     ISO_27001_2022: ["A.5.33", "A.8.10", "A.8.16"]
#     GDPR: ["Article 25", "Article 32"]
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
