# METADATA
# title: Subnets log every flow with full metadata
# description: >-
#   VPC Flow Logs record which addresses talked to which, the evidence for spotting
#   lateral movement and exfiltration. CIS asks for them on every subnet with a 5-second
#   aggregation interval, every flow sampled, all metadata, and no filter. Proxy-only and
#   other special-purpose subnets, which cannot have flow logs, are left out.
# custom:
#   id: GCP-VPC-005
#   severity: LOW
#   resource_type: google_compute_subnetwork
#   remediation: >-
#     `gcloud compute networks subnets update SUBNET --region REGION --enable-flow-logs
#     --logging-aggregation-interval interval-5-sec --logging-flow-sampling 1
#     --logging-metadata include-all`, and remove any --logging-filter-expr.
#   compliance:
#     CIS_GCP_v4.0: ["3.8"]
#     PCI_DSS_v4.0: ["5.3.4", "10.2.1", "10.2.1.1", "10.2.1.2", "10.2.1.3", "10.2.1.4", "10.2.1.5",
#       "10.2.1.6", "10.2.1.7", "10.2.2", "10.3.1", "10.6.3", "A1.2.1"]
#     SOC2: ["CC7.2", "CC7.3", "A1.2", "PI1.2"]
#     NIST_800_53_r5: ["AC-4(26)", "AU-2(b)", "AU-3(a)", "AU-3(b)", "AU-3(c)", "AU-3(d)", "AU-3(e)",
#       "AU-6(3)", "AU-6(4)", "AU-6(6)", "AU-6(9)", "AU-8(b)", "AU-12(a)", "AU-12(c)", "AU-12(1)",
#       "AU-12(2)", "AU-12(3)", "AU-12(4)", "AU-14(a)", "AU-14(b)", "AU-14(3)", "CA-7(b)",
#       "CM-5(1)(b)", "CM-6(a)", "CM-9(b)", "IA-3(3)(b)", "MA-4(1)(a)", "PM-14(a)(1)", "PM-14(b)",
#       "PM-31", "SI-4(17)", "SI-7(8)"]
#     ISO_27001_2022: ["A.8.16", "A.8.20", "A.8.21", "A.8.22"]
#     GDPR: ["Article 25", "Article 30"]
package cspm.checks.gcp.vpc.subnet_flow_logs

applies contains id if {
	some id, subnet in input.resources.google_compute_subnetwork
	subnet.config.purpose == "PRIVATE"
}

deny contains {"resource": id, "message": "flow logs are off"} if {
	some id in applies
	not input.resources.google_compute_subnetwork[id].config.log_config.enable == true
}

deny contains {"resource": id, "message": msg} if {
	some id, problems in shortfalls
	msg := sprintf("flow logs are partial: %s", [concat(", ", sort(problems))])
}

# shortfalls[id] holds what falls short in the flow logs of an applicable subnet that has
# them on.
shortfalls[id] contains "aggregation interval is not 5 seconds" if {
	some id, log in enabled_logs
	log.aggregation_interval != "INTERVAL_5_SEC"
}

shortfalls[id] contains sprintf("only %v of flows are sampled", [log.flow_sampling]) if {
	some id, log in enabled_logs
	log.flow_sampling < 1
}

shortfalls[id] contains "metadata is not fully included" if {
	some id, log in enabled_logs
	log.metadata != "INCLUDE_ALL_METADATA"
}

shortfalls[id] contains "a filter limits what is logged" if {
	some id, log in enabled_logs
	is_string(log.filter_expr)
	not trim_space(log.filter_expr) in {"", "true"}
}

enabled_logs[id] := log if {
	some id in applies
	log := input.resources.google_compute_subnetwork[id].config.log_config
	log.enable == true
}
