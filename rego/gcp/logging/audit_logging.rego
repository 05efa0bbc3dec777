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
#     PCI_DSS_v4.0: ["10.2.1", "10.2.1.1", "10.2.1.2"]
#     SOC2: ["CC7.2"]
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
