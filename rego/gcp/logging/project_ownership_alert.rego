# METADATA
# title: A log metric and an alert watch project ownership assignments and changes
# description: >-
#   Owners can do anything in the project; an alert on every new or removed owner (and on
#   ownership invitations) shows a takeover while it happens. CIS asks for a log-based
#   metric on these entries and an enabled alert policy on that metric.
# custom:
#   id: GCP-LOGGING-004
#   severity: LOW
#   resource_type: google_project
#   remediation: >-
#     Create a log-based metric with the filter
#     (protoPayload.serviceName="cloudresourcemanager.googleapis.com") AND
#     (ProjectOwnership OR projectOwnerInvitee) OR
#     (protoPayload.serviceData.policyDelta.bindingDeltas.action="REMOVE" AND
#     protoPayload.serviceData.policyDelta.bindingDeltas.role="roles/owner") OR
#     (protoPayload.serviceData.policyDelta.bindingDeltas.action="ADD" AND
#     protoPayload.serviceData.policyDelta.bindingDeltas.role="roles/owner") (`gcloud
#     logging metrics create`), then an alert policy with a threshold condition on
#     metric.type="logging.googleapis.com/user/METRIC_NAME".
#   compliance:
#     CIS_GCP_v4.0: ["2.4"]
#     PCI_DSS_v4.0: ["10.2.1.2", "10.2.2"]
#     SOC2: ["CC2.1", "CC3.3", "CC5.2", "CC7.2", "CC7.3", "CC7.4", "A1.2", "PI1.3"]
#     ISO_27001_2022: ["A.8.15", "A.8.16"]
#     GDPR: ["Article 25"]
package cspm.checks.gcp.logging.project_ownership_alert

import data.cspm.lib.gcp.logging

# What the metric's filter must contain (compared without whitespace, ignoring case).
fragments := [
	"protoPayload.serviceName=\"cloudresourcemanager.googleapis.com\"",
	"ProjectOwnership",
	"projectOwnerInvitee",
	"protoPayload.serviceData.policyDelta.bindingDeltas.action=\"REMOVE\"",
	"protoPayload.serviceData.policyDelta.bindingDeltas.role=\"roles/owner\"",
	"protoPayload.serviceData.policyDelta.bindingDeltas.action=\"ADD\"",
]

deny contains {"resource": id, "message": "no alerted log metric for project ownership assignments and changes"} if {
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
