package cspm.checks.gcp.logging.audit_logging_test

import data.cspm.checks.gcp.logging.audit_logging

pid := "//cloudresourcemanager.googleapis.com/projects/1"

project(configs) := {"resources": {"google_project": {pid: {"id": pid, "config": {"audit_configs": configs}}}}}

log(kind) := {"log_type": kind, "exempted_members": []}

complete := {"service": "allServices", "log_configs": [log("ADMIN_READ"), log("DATA_READ"), log("DATA_WRITE")]}

test_pass_all_services_all_types if {
	count(audit_logging.deny) == 0 with input as project([complete])
}

test_fail_no_audit_config if {
	audit_logging.deny == {{"resource": pid, "message": "allServices audit config lacks ADMIN_READ, DATA_READ, DATA_WRITE"}} with input as project([])
}

test_fail_only_one_service if {
	count(audit_logging.deny) == 1 with input as project([object.union(complete, {"service": "storage.googleapis.com"})])
}

test_fail_exempted_member if {
	exempt := {"log_type": "DATA_READ", "exempted_members": ["user:ceo@example.com"]}
	audit_logging.deny == {{
		"resource": pid,
		"message": "audit logging exemptions: user:ceo@example.com exempt from DATA_READ on allServices",
	}} with input as project([{"service": "allServices", "log_configs": [log("ADMIN_READ"), exempt, log("DATA_WRITE")]}])
}
