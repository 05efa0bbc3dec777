package cspm.checks.azure.storage.smb_protocol_version_test

import data.cspm.checks.azure.storage.smb_protocol_version
import data.cspm.test.azure as fx

account(overrides) := fx.input_of("azurerm_storage_account", fx.storage_account, overrides)

test_pass_only_3_1_1 if {
	count(smb_protocol_version.deny) == 0 with input as account({})
}

test_pass_applies_to_file_storage if {
	"r1" in smb_protocol_version.applies with input as account({"kind": "FileStorage"})
}

test_fail_versions_unset if {
	some d in smb_protocol_version.deny with input as account({"file_properties": {"smb_versions": null}})
	contains(d.message, "unset")
}

test_fail_smb_3_0_allowed if {
	some d in smb_protocol_version.deny with input as account({"file_properties": {"smb_versions": ["SMB3.0", "SMB3.1.1"]}})
	contains(d.message, "SMB3.0")
}
