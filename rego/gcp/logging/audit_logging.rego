# METADATA
# title: Data Access audit logs are on for all services and all users
# description: >-
#   Admin Activity logs are always written, but reads of configuration and reads and
#   writes of user data are logged only when the project's audit configuration asks for
#   ADMIN_READ, DATA_READ and DATA_WRITE on allServices. An exempted member is a principal
#   whose access goes unrecorded.
# custom:
#   id: GCP-LOGGING-001
#   severity: MEDIUM
#   resource_type: google_project
#   remediation: >-
#     In the project's IAM policy, add an auditConfigs entry for service allServices with
#     auditLogConfigs of logType ADMIN_READ, DATA_READ and DATA_WRITE, and remove every
#     exemptedMembers list (`gcloud projects set-iam-policy`).
#   compliance:
#     CIS_GCP_v4.0: ["2.1"]
#     PCI_DSS_v4.0: ["1.5.1", "5.3.4", "7.2.1", "7.2.2", "7.2.5", "7.3.1", "7.3.2", "7.3.3",
#       "8.2.8", "10.2.1", "10.2.1.1", "10.2.1.2", "10.2.1.3", "10.2.1.4", "10.2.1.5", "10.2.1.6",
#       "10.2.1.7", "10.2.2", "10.3.1", "10.3.2", "10.3.3", "10.3.4", "10.4.1.1", "10.5.1",
#       "10.6.3", "11.5.2", "11.6.1", "12.10.5", "A1.2.1", "A3.3.1", "A3.5.1"]
#     SOC2: ["CC7.2", "CC7.3", "A1.2", "PI1.2", "PI1.3"]
#     NIST_800_53_r5: ["AC-2(4)", "AC-3(1)", "AC-3(10)", "AC-4(26)", "AC-6(9)", "AU-2(b)",
#       "AU-3(1)", "AU-3(a)", "AU-3(b)", "AU-3(c)", "AU-3(d)", "AU-3(e)", "AU-3(f)", "AU-6(3)",
#       "AU-6(4)", "AU-6(6)", "AU-6(9)", "AU-8(b)", "AU-9(3)", "AU-10", "AU-12(a)", "AU-12(c)",
#       "AU-12(1)", "AU-12(2)", "AU-12(3)", "AU-12(4)", "AU-14(a)", "AU-14(b)", "AU-14(3)",
#       "CA-7(b)", "CM-5(1)(b)", "CM-6(a)", "CM-9(b)", "CP-9(d)", "IA-3(3)(b)", "MA-4(1)(a)",
#       "PM-14(a)(1)", "PM-14(b)", "PM-31", "SC-7(9)(b)", "SC-8(3)", "SC-8(4)", "SC-13(a)",
#       "SC-28(1)", "SI-1(1)(c)", "SI-3(8)(b)", "SI-4(2)", "SI-4(17)", "SI-4(20)", "SI-7(8)",
#       "SI-10(1)(c)", "SI-19(4)"]
#     ISO_27001_2022: ["A.8.16"]
#     GDPR: ["Article 25", "Article 30", "Article 32"]
package cspm.checks.gcp.logging.audit_logging

required := {"ADMIN_READ", "DATA_READ", "DATA_WRITE"}

deny contains {"resource": id, "message": msg} if {
	some id, project in input.resources.google_project
	logged := {log.log_type |
		some cfg in project.config.audit_configs
		cfg.service == "allServices"
		some log in cfg.log_configs
	}
	missing := required - logged
	count(missing) > 0
	msg := sprintf("allServices audit config lacks %s", [concat(", ", sort(missing))])
}

deny contains {"resource": id, "message": msg} if {
	some id, project in input.resources.google_project
	exempt := {sprintf("%s exempt from %s on %s", [m, log.log_type, cfg.service]) |
		some cfg in project.config.audit_configs
		some log in cfg.log_configs
		some m in log.exempted_members
	}
	count(exempt) > 0
	msg := sprintf("audit logging exemptions: %s", [concat("; ", sort(exempt))])
}
