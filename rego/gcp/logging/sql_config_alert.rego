# METADATA
# title: A log metric and an alert watch Cloud SQL instance configuration changes
# description: >-
#   Database settings such as authorized networks, TLS and backups change with one update
#   call. CIS asks for a log-based metric on these entries and an enabled alert policy on
#   that metric.
# custom:
#   id: GCP-LOGGING-011
#   severity: LOW
#   resource_type: google_project
#   remediation: >-
#     Create a log-based metric with the filter
#     protoPayload.methodName="cloudsql.instances.update"
#     (`gcloud logging metrics create`), then an alert policy with a threshold condition on
#     metric.type="logging.googleapis.com/user/METRIC_NAME".
#   compliance:
#     CIS_GCP_v4.0: ["2.11"]
#     PCI_DSS_v4.0: ["10.2.1.1", "10.2.1.3", "10.2.2", "10.4.2", "10.7.1", "A3.3.1"]
#     SOC2: ["CC2.1", "CC3.3", "CC5.2", "CC7.2", "CC7.3", "CC7.4", "A1.2", "PI1.3"]
#     ISO_27001_2022: ["A.8.15", "A.8.16"]
package cspm.checks.gcp.logging.sql_config_alert

import data.cspm.lib.gcp.logging

# What the metric's filter must contain (compared without whitespace, ignoring case).
fragments := [
	"protoPayload.methodName=\"cloudsql.instances.update\"",
]

deny contains {"resource": id, "message": "no alerted log metric for Cloud SQL instance configuration changes"} if {
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
