# METADATA
# title: HTTP(S) load balancer backends log requests
# description: >-
#   Request logs of an HTTP(S) load balancer are the record of who called the application
#   from where; they are off unless the backend service turns them on.
# custom:
#   id: GCP-LOGGING-014
#   severity: LOW
#   resource_type: google_compute_backend_service
#   remediation: >-
#     Turn logging on for the backend service (`gcloud compute backend-services update NAME
#     --enable-logging --logging-sample-rate 1 --global`).
#   compliance:
#     CIS_GCP_v4.0: ["2.16"]
#     PCI_DSS_v4.0: ["10.2.1"]
#     SOC2: ["CC7.2"]
package cspm.checks.gcp.logging.lb_logging

http_protocols := {"HTTP", "HTTPS", "HTTP2"}

applies contains id if {
	some id, backend in input.resources.google_compute_backend_service
	backend.config.protocol in http_protocols
}

deny contains {"resource": id, "message": "backend service does not log requests"} if {
	some id in applies
	not input.resources.google_compute_backend_service[id].config.log_config.enable == true
}
