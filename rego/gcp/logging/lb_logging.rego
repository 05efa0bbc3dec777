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
#     PCI_DSS_v4.0: ["1.2.5", "1.2.8", "1.3.1", "1.3.2", "1.4.2", "1.5.1", "2.2.5", "2.2.7",
#       "3.5.1.1", "3.5.1.3", "3.6.1", "3.6.1.2", "3.6.1.3", "3.6.1.4", "3.7.1", "3.7.2", "3.7.4",
#       "3.7.6", "3.7.7", "4.2.1", "4.2.1.1", "5.3.4", "6.4.1", "8.3.2", "10.2.1", "10.2.1.1",
#       "10.2.1.2", "10.2.1.3", "10.2.1.4", "10.2.1.5", "10.2.1.6", "10.2.1.7", "10.2.2", "10.3.1",
#       "10.5.1", "10.6.3", "A1.1.3", "A1.2.1"]
#     SOC2: ["CC7.2", "CC7.3", "A1.2", "PI1.2"]
#     NIST_800_53_r5: ["AC-4(26)", "AU-2(b)", "AU-3(a)", "AU-3(b)", "AU-3(c)", "AU-3(d)", "AU-3(e)",
#       "AU-3(f)", "AU-6(3)", "AU-6(4)", "AU-6(6)", "AU-6(9)", "AU-8(b)", "AU-10", "AU-12(a)",
#       "AU-12(c)", "AU-12(1)", "AU-12(2)", "AU-12(3)", "AU-12(4)", "AU-14(a)", "AU-14(b)",
#       "AU-14(3)", "CA-7(b)", "CM-5(1)(b)", "IA-3(3)(b)", "MA-4(1)(a)", "PM-14(a)(1)", "PM-14(b)",
#       "PM-31", "SC-7(9)(b)", "SI-4(17)", "SI-7(8)"]
#     ISO_27001_2022: ["A.8.16"]
#     GDPR: ["Article 30"]
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
