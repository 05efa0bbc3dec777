# METADATA
# title: A log metric and an alert watch audit configuration changes
# description: >-
#   Turning Data Access audit logs off is how an intruder stops leaving a trail; the
#   change itself is logged and should raise an alert. CIS asks for a log-based metric on
#   these entries and an enabled alert policy on that metric.
# custom:
#   id: GCP-LOGGING-005
#   severity: LOW
#   resource_type: google_project
#   remediation: >-
#     Create a log-based metric with the filter protoPayload.methodName="SetIamPolicy" AND
#     protoPayload.serviceData.policyDelta.auditConfigDeltas:* (`gcloud logging metrics
#     create`), then an alert policy with a threshold condition on
#     metric.type="logging.googleapis.com/user/METRIC_NAME".
#   compliance:
#     CIS_GCP_v4.0: ["2.5"]
#     PCI_DSS_v4.0: ["5.3.4", "10.2.1", "10.2.1.1", "10.2.1.2", "10.2.1.3", "10.2.1.4", "10.2.1.5",
#       "10.2.1.6", "10.2.1.7", "10.2.2", "10.3.1", "10.3.2", "10.3.3", "10.3.4", "10.5.1",
#       "10.6.3", "11.5.2", "11.6.1", "12.10.5", "A1.2.1", "A3.3.1", "A3.5.1"]
#     SOC2: ["CC2.1", "CC5.2", "CC7.2", "CC7.3", "CC7.4", "A1.2", "PI1.3"]
#     ISO_27001_2022: ["A.8.15", "A.8.16"]
#     GDPR: ["Article 25"]
package cspm.checks.gcp.logging.audit_config_alert

import data.cspm.lib.gcp.logging

# What the metric's filter must contain (compared without whitespace, ignoring case).
fragments := [
	"protoPayload.methodName=\"SetIamPolicy\"",
	"protoPayload.serviceData.policyDelta.auditConfigDeltas:*",
]

deny contains {"resource": id, "message": "no alerted log metric for audit configuration changes"} if {
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
