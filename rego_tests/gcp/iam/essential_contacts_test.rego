package cspm.checks.gcp.iam.essential_contacts_test

import data.cspm.checks.gcp.iam.essential_contacts

pid := "//cloudresourcemanager.googleapis.com/projects/1"

project(contacts) := {"resources": {"google_project": {pid: {
	"id": pid,
	"type": "google_project",
	"config": {"essential_contacts": contacts},
}}}}

test_pass_org_contact_for_all if {
	count(essential_contacts.deny) == 0 with input as project([{"parent": "organizations/9", "categories": ["ALL"]}])
}

test_pass_categories_spread_over_contacts if {
	count(essential_contacts.deny) == 0 with input as project([
		{"parent": "organizations/9", "categories": ["LEGAL", "SECURITY"]},
		{"parent": "projects/1", "categories": ["SUSPENSION", "TECHNICAL", "TECHNICAL_INCIDENTS"]},
	])
}

test_fail_no_contacts if {
	essential_contacts.deny == {{
		"resource": pid,
		"message": "no Essential Contact for: LEGAL, SECURITY, SUSPENSION, TECHNICAL, TECHNICAL_INCIDENTS",
	}} with input as project([])
}

test_fail_billing_only if {
	count(essential_contacts.deny) == 1 with input as project([{"parent": "projects/1", "categories": ["BILLING", "SECURITY"]}])
}
