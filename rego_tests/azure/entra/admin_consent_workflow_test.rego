package cspm.checks.azure.entra.admin_consent_workflow_test

import data.cspm.checks.azure.entra.admin_consent_workflow
import data.cspm.test.entra as fx

test_pass_hardened if {
	count(admin_consent_workflow.deny) == 0 with input as fx.consent_input({})
}

test_fail_planted if {
	some d in admin_consent_workflow.deny with input as fx.consent_input({"is_enabled": false})
	d.resource == "acr"
	contains(d.message, "disabled")
}

test_fail_no_reviewers if {
	some d in admin_consent_workflow.deny with input as fx.consent_input({"reviewer_count": 0})
	contains(d.message, "no reviewers")
}
