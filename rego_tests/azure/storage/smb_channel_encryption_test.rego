package cspm.checks.azure.storage.smb_channel_encryption_test

import data.cspm.checks.azure.storage.smb_channel_encryption
import data.cspm.test.azure as fx

account(overrides) := fx.input_of("azurerm_storage_account", fx.storage_account, overrides)

test_pass_aes_256_gcm_only if {
	count(smb_channel_encryption.deny) == 0 with input as account({})
}

test_pass_applies_to_storage_v2 if {
	"r1" in smb_channel_encryption.applies with input as account({})
}

test_fail_unset if {
	some d in smb_channel_encryption.deny with input as account({"file_properties": {"smb_channel_encryption": null}})
	contains(d.message, "unset")
}

test_fail_aes_128_allowed if {
	some d in smb_channel_encryption.deny with input as account({"file_properties": {"smb_channel_encryption": ["AES-128-CCM", "AES-256-GCM"]}})
	contains(d.message, "AES-128-CCM")
}
