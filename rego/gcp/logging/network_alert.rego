# METADATA
# title: A log metric and an alert watch VPC network changes
# description: >-
#   New networks and peerings change which workloads can reach each other. CIS asks for a
#   log-based metric on these entries and an enabled alert policy on that metric.
# custom:
#   id: GCP-LOGGING-009
#   severity: LOW
#   resource_type: google_project
#   remediation: >-
#     Create a log-based metric with the filter resource.type="gce_network" AND
#     (protoPayload.methodName:"compute.networks.insert" OR
#     protoPayload.methodName:"compute.networks.patch" OR
#     protoPayload.methodName:"compute.networks.delete" OR
#     protoPayload.methodName:"compute.networks.removePeering" OR
#     protoPayload.methodName:"compute.networks.addPeering") (`gcloud logging metrics
#     create`), then an alert policy with a threshold condition on
#     metric.type="logging.googleapis.com/user/METRIC_NAME".
#   compliance:
#     CIS_GCP_v4.0: ["2.9"]
#     PCI_DSS_v4.0: ["1.2.8", "5.3.4", "10.2.1", "10.2.1.1", "10.2.1.2", "10.2.1.3", "10.2.1.4",
#       "10.2.1.5", "10.2.1.6", "10.2.1.7", "10.2.2", "10.3.1", "10.6.3", "A1.2.1"]
#     SOC2: ["CC2.1", "CC3.3", "CC5.2", "CC7.2", "CC7.3", "CC7.4", "A1.2"]
#     NIST_800_53_r5: ["AU-6(1)", "AU-6(5)", "AU-12(3)", "AU-14(a)", "AU-14(b)", "CA-2(2)", "CA-7",
#       "CA-7(b)", "PM-14(a)(1)", "PM-14(b)", "PM-31", "SC-36(1)(a)", "SI-2(a)", "SI-4(12)",
#       "SI-5(1)", "SI-5(b)"]
#     ISO_27001_2022: ["A.8.15", "A.8.16", "A.8.20", "A.8.21", "A.8.22"]
package cspm.checks.gcp.logging.network_alert

import data.cspm.lib.gcp.logging

# What the metric's filter must contain (compared without whitespace, ignoring case).
fragments := [
	"resource.type=\"gce_network\"",
	"compute.networks.insert",
	"compute.networks.patch",
	"compute.networks.delete",
	"compute.networks.removePeering",
	"compute.networks.addPeering",
]

deny contains {"resource": id, "message": "no alerted log metric for VPC network changes"} if {
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
