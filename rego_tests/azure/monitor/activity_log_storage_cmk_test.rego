package cspm.checks.azure.monitor.activity_log_storage_cmk_test

import data.cspm.checks.azure.monitor.activity_log_storage_cmk
import data.cspm.test.azure as fx

account_id := "/subscriptions/x/resourceGroups/ops/providers/Microsoft.Storage/storageAccounts/activitylogs"

logs_to(encryption) := {"resources": {
	"azurerm_monitor_diagnostic_setting": {"ds": {
		"id": "ds",
		"type": "azurerm_monitor_diagnostic_setting",
		"name": "export",
		"region": "global",
		"config": object.union(fx.diagnostic_setting(["Administrative"]), {"storage_account_id": upper(account_id)}),
	}},
	"azurerm_storage_account": {account_id: object.union(
		fx.resource("azurerm_storage_account", account_id, fx.storage_account),
		{"name": "activitylogs", "config": {"encryption": encryption}},
	)},
}}

test_pass_cmk if {
	count(activity_log_storage_cmk.deny) == 0 with input as logs_to({"key_source": "Microsoft.Keyvault"})
}

test_pass_applies_when_account_known if {
	"ds" in activity_log_storage_cmk.applies with input as logs_to({"key_source": "Microsoft.Keyvault"})
}

# A storage account outside the snapshot still applies (not denied): the normalizer names
# storage_account_id in the setting's unknown list, so the result is UNKNOWN
# (tests/azure/test_azure_orphans.py).
test_pass_applies_when_account_elsewhere if {
	elsewhere := json.patch(logs_to({"key_source": "Microsoft.Storage"}), [{"op": "replace", "path": "/resources/azurerm_storage_account", "value": {}}])
	"ds" in activity_log_storage_cmk.applies with input as elsewhere
	count(activity_log_storage_cmk.deny) == 0 with input as elsewhere
}

test_pass_no_storage_destination_does_not_apply if {
	workspace_only := json.patch(logs_to({"key_source": "Microsoft.Storage"}), [{"op": "replace", "path": "/resources/azurerm_monitor_diagnostic_setting/ds/config/storage_account_id", "value": null}])
	count(activity_log_storage_cmk.applies) == 0 with input as workspace_only
}

test_fail_platform_keys if {
	some d in activity_log_storage_cmk.deny with input as logs_to({"key_source": "Microsoft.Storage"})
	d.resource == "ds"
	contains(d.message, "Microsoft.Storage")
}

# Two settings exporting to one account are judged each (the account is looked up once
# per setting in the index of ids by lower case).
test_fail_each_setting_of_one_account if {
	two := json.patch(logs_to({"key_source": "Microsoft.Storage"}), [{"op": "add", "path": "/resources/azurerm_monitor_diagnostic_setting/ds2", "value": object.union(logs_to({}).resources.azurerm_monitor_diagnostic_setting.ds, {"id": "ds2"})}])
	{d.resource | some d in activity_log_storage_cmk.deny} == {"ds", "ds2"} with input as two
}

# Ids that differ in case alone cannot be indexed by lower case: every account whose id
# matches is still compared, as without the index.
test_fail_ids_differing_only_in_case_are_all_compared if {
	twin := object.union(
		logs_to({}).resources.azurerm_storage_account[account_id],
		{"id": upper(account_id), "name": "activitylogs-twin", "config": {"encryption": {"key_source": "Microsoft.Storage"}}},
	)
	both := json.patch(logs_to({"key_source": "Microsoft.Storage"}), [{"op": "add", "path": sprintf("/resources/azurerm_storage_account/%s", [replace(upper(account_id), "/", "~1")]), "value": twin}])
	count(both.resources.azurerm_storage_account) == 2
	messages := {d.message | some d in activity_log_storage_cmk.deny} with input as both
	count(messages) == 2
	some m in messages
	contains(m, "activitylogs-twin")
}
