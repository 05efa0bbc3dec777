# METADATA
# title: A log metric and an alert watch custom role changes
# description: >-
#   A custom role that quietly gains permissions grants them to everyone who holds it. CIS
#   asks for a log-based metric on these entries and an enabled alert policy on that
#   metric.
# custom:
#   id: GCP-LOGGING-006
#   severity: LOW
#   resource_type: google_project
#   remediation: >-
#     Create a log-based metric with the filter resource.type="iam_role" AND
#     (protoPayload.methodName="google.iam.admin.v1.CreateRole" OR
#     protoPayload.methodName="google.iam.admin.v1.DeleteRole" OR
#     protoPayload.methodName="google.iam.admin.v1.UpdateRole") (`gcloud logging metrics
#     create`), then an alert policy with a threshold condition on
#     metric.type="logging.googleapis.com/user/METRIC_NAME".
#   compliance:
#     CIS_GCP_v4.0: ["2.6"]
#     PCI_DSS_v4.0: ["7.3.1", "7.3.2", "10.2.1.2", "10.2.2"]
#     SOC2: ["CC2.1", "CC5.2", "CC7.2", "CC7.3", "CC7.4", "A1.2"]
#     ISO_27001_2022: ["A.8.15", "A.8.16"]
#     GDPR: ["Article 25"]
package cspm.checks.gcp.logging.custom_role_alert

import data.cspm.lib.gcp.logging

# What the metric's filter must contain (compared without whitespace, ignoring case).
fragments := [
	"resource.type=\"iam_role\"",
	"google.iam.admin.v1.CreateRole",
	"google.iam.admin.v1.DeleteRole",
	"google.iam.admin.v1.UpdateRole",
]

deny contains {"resource": id, "message": "no alerted log metric for custom role changes"} if {
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
