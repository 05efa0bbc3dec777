# METADATA
# title: A log metric and an alert watch VPC firewall rule changes
# description: >-
#   A new or widened firewall rule can expose a workload to the internet in seconds. CIS
#   asks for a log-based metric on these entries and an enabled alert policy on that
#   metric.
# custom:
#   id: GCP-LOGGING-007
#   severity: LOW
#   resource_type: google_project
#   remediation: >-
#     Create a log-based metric with the filter resource.type="gce_firewall_rule" AND
#     (protoPayload.methodName:"compute.firewalls.patch" OR
#     protoPayload.methodName:"compute.firewalls.insert" OR
#     protoPayload.methodName:"compute.firewalls.delete") (`gcloud logging metrics
#     create`), then an alert policy with a threshold condition on
#     metric.type="logging.googleapis.com/user/METRIC_NAME".
#   compliance:
#     CIS_GCP_v4.0: ["2.7"]
#     PCI_DSS_v4.0: ["10.2.2", "1.2.8"]
#     SOC2: ["CC7.2"]
package cspm.checks.gcp.logging.firewall_alert

import data.cspm.lib.gcp.logging

# What the metric's filter must contain (compared without whitespace, ignoring case).
fragments := [
	"resource.type=\"gce_firewall_rule\"",
	"compute.firewalls.patch",
	"compute.firewalls.insert",
	"compute.firewalls.delete",
]

deny contains {"resource": id, "message": "no alerted log metric for VPC firewall rule changes"} if {
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
