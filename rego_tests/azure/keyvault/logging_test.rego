package cspm.checks.azure.keyvault.logging_test

import data.cspm.checks.azure.keyvault.logging
import data.cspm.test.azure as fx

vault(overrides) := fx.input_of("azurerm_key_vault", fx.key_vault, overrides)

test_pass_audit_event if {
	count(logging.deny) == 0 with input as vault({})
}

test_pass_audit_group if {
	count(logging.deny) == 0 with input as vault({"diagnostic_settings": [object.union(fx.diagnostic_setting([]), {"logs": [{"category": null, "category_group": "audit", "enabled": true}]})]})
}

test_pass_storage_destination if {
	count(logging.deny) == 0 with input as vault({"diagnostic_settings": [object.union(fx.diagnostic_setting(["AuditEvent"]), {"workspace_id": null, "storage_account_id": "sa"})]})
}

test_pass_event_hub_destination if {
	count(logging.deny) == 0 with input as vault({"diagnostic_settings": [object.union(fx.diagnostic_setting(["AuditEvent"]), {"workspace_id": null, "event_hub_authorization_rule_id": "eh"})]})
}

test_fail_no_settings if {
	some d in logging.deny with input as vault({"diagnostic_settings": []})
	d.resource == "r1"
}

test_fail_category_disabled if {
	count(logging.deny) == 1 with input as vault({"diagnostic_settings": [object.union(fx.diagnostic_setting([]), {"logs": [{"category": "AuditEvent", "category_group": null, "enabled": false}]})]})
}

test_fail_no_destination if {
	count(logging.deny) == 1 with input as vault({"diagnostic_settings": [object.union(fx.diagnostic_setting(["AuditEvent"]), {"workspace_id": null})]})
}
