# METADATA
# title: A log sink exports every log entry
# description: >-
#   Cloud Logging keeps entries for a limited time. A sink with an empty filter and no
#   active exclusions copies every entry to storage the project controls, for retention
#   and for analysis elsewhere. Sinks set on folders or the organization are not seen
#   from a project scan.
# custom:
#   id: GCP-LOGGING-002
#   severity: MEDIUM
#   resource_type: google_project
#   remediation: >-
#     Create a sink without a filter (`gcloud logging sinks create NAME DESTINATION`), or an
#     aggregated sink with --include-children on the folder or organization.
#   compliance:
#     CIS_GCP_v4.0: ["2.2"]
#     PCI_DSS_v4.0: ["10.3.3", "10.5.1"]
#     SOC2: ["CC7.2"]
package cspm.checks.gcp.logging.sink_all_entries

deny contains {"resource": id, "message": "no enabled log sink exports all log entries"} if {
	some id, _ in input.resources.google_project
	not exports_everything
}

exports_everything if {
	some sink in input.resources.google_logging_project_sink
	sink.config.disabled == false
	trim_space(sink.config.filter) == ""
	not excludes_some(sink)
}

excludes_some(sink) if {
	some exclusion in sink.config.exclusions
	exclusion.disabled == false
}
