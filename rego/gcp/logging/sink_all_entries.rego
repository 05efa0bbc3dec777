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
#     PCI_DSS_v4.0: ["10.3.3", "10.5.1", "11.5.2", "12.10.5", "A3.3.1", "A3.5.1"]
#     SOC2: ["CC2.1", "CC5.2", "CC7.2", "A1.2", "PI1.2"]
#     NIST_800_53_r5: ["AC-2(4)", "AC-3(1)", "AC-3(10)", "AC-4(26)", "AC-6(9)", "AU-2(b)",
#       "AU-3(a)", "AU-3(b)", "AU-3(c)", "AU-3(d)", "AU-3(e)", "AU-3(f)", "AU-4(1)", "AU-6(1)",
#       "AU-6(3)", "AU-6(4)", "AU-6(5)", "AU-6(6)", "AU-6(9)", "AU-7(1)", "AU-8(b)", "AU-9(7)",
#       "AU-10", "AU-12(a)", "AU-12(c)", "AU-12(1)", "AU-12(2)", "AU-12(3)", "AU-12(4)", "AU-14(a)",
#       "AU-14(b)", "AU-14(3)", "AU-16", "CA-7(b)", "CM-5(1)(b)", "CM-6(a)", "CM-9(b)",
#       "IA-3(3)(b)", "MA-4(1)(a)", "PM-14(a)(1)", "PM-14(b)", "PM-31", "SC-7(9)(b)", "SI-1(1)(c)",
#       "SI-3(8)(b)", "SI-4(2)", "SI-4(17)", "SI-4(20)", "SI-7(8)", "SI-10(1)(c)"]
#     ISO_27001_2022: ["A.8.15", "A.8.16"]
#     GDPR: ["Article 25", "Article 30"]
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
