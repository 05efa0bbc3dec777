# METADATA
# title: A log metric and an alert watch Cloud Storage IAM permission changes
# description: >-
#   A bucket policy change is how data gets opened to the world; it should not go
#   unnoticed. CIS asks for a log-based metric on these entries and an enabled alert
#   policy on that metric.
# custom:
#   id: GCP-LOGGING-010
#   severity: LOW
#   resource_type: google_project
#   remediation: >-
#     Create a log-based metric with the filter
#     resource.type="gcs_bucket" AND protoPayload.methodName="storage.setIamPermissions"
#     (`gcloud logging metrics create`), then an alert policy with a threshold condition on
#     metric.type="logging.googleapis.com/user/METRIC_NAME".
#   compliance:
#     CIS_GCP_v4.0: ["2.10"]
#     PCI_DSS_v4.0: ["5.3.4", "7.2.2", "10.2.1", "10.2.1.1", "10.2.1.2", "10.2.1.3", "10.2.1.4",
#       "10.2.1.5", "10.2.1.6", "10.2.1.7", "10.2.2", "10.3.1", "10.4.1", "10.4.1.1", "10.4.2",
#       "10.6.3", "10.7.1", "10.7.2", "11.5.2", "12.10.5", "A1.2.1", "A3.3.1", "A3.5.1"]
#     SOC2: ["CC2.1", "CC3.3", "CC5.2", "CC7.2", "CC7.3", "CC7.4", "A1.2"]
#     ISO_27001_2022: ["A.8.15", "A.8.16"]
#     GDPR: ["Article 25"]
package cspm.checks.gcp.logging.storage_iam_alert

import data.cspm.lib.gcp.logging

# What the metric's filter must contain (compared without whitespace, ignoring case).
fragments := [
	"resource.type=\"gcs_bucket\"",
	"protoPayload.methodName=\"storage.setIamPermissions\"",
]

deny contains {"resource": id, "message": "no alerted log metric for Cloud Storage IAM permission changes"} if {
	some id, _ in input.resources.google_project
	not monitored
}

# monitored holds when an enabled log-based metric's filter has every fragment and an
# enabled alert policy watches that metric.
monitored if {
	some metric in input.resources.google_logging_metric
	metric.config.disabled == false
	logging.filter_has_all(metric.config.filter, fragments)
	logging.metric_alerted(metric.config.metric_name, input.resources.google_monitoring_alert_policy)
}
