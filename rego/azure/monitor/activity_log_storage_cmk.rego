# METADATA
# title: Storage accounts that keep exported activity logs use customer managed keys
# description: >-
#   Exported activity logs are evidence; encrypting the storage account that holds
#   them with a customer managed key keeps them unreadable to anyone who cannot use
#   the key. Applies to diagnostic settings that export to a storage account; one whose
#   account this snapshot does not hold names storage_account_id in its unknown list,
#   so it is UNKNOWN, not PASS.
# custom:
#   id: AZURE-MONITOR-002
#   severity: LOW
#   resource_type: azurerm_monitor_diagnostic_setting
#   remediation: >-
#     Configure the storage account's encryption to use a customer managed key in Key
#     Vault (az storage account update --encryption-key-source Microsoft.Keyvault
#     ...).
#   compliance:
#     CIS_Azure_v4.0: ["7.1.1.3"]
#     PCI_DSS_v4.0: ["3.5.1", "10.3.2"]
#     SOC2: ["CC6.1", "CC6.7", "CC7.2", "CC7.3", "CC8.1", "A1.2", "PI1.4"]
#     NIST_800_53_r5: ["AU-9(3)", "CM-6(a)", "CM-9(b)", "CP-9(d)", "SC-8(3)", "SC-8(4)", "SC-13(a)",
#       "SC-28(1)", "SI-19(4)"]
#     ISO_27001_2022: ["A.5.16", "A.5.22", "A.8.11", "A.8.15", "A.8.24"]
#     GDPR: ["Article 25", "Article 30", "Article 32"]
package cspm.checks.azure.monitor.activity_log_storage_cmk

applies contains id if {
	some id, setting in input.resources.azurerm_monitor_diagnostic_setting
	is_string(setting.config.storage_account_id)
}

deny contains {"resource": id, "message": sprintf("activity logs go to storage account %s, which uses %s keys", [account.name, account.config.encryption.key_source])} if {
	some id, setting in input.resources.azurerm_monitor_diagnostic_setting
	some account in accounts_with_id(setting.config.storage_account_id)
	account.config.encryption.key_source != "Microsoft.Keyvault"
}

# accounts_with_id(ref) is the set of storage accounts whose id equals `ref`, ignoring
# case. The ids are indexed once by their lower-case form, so each setting is a lookup;
# only a snapshot with two ids that differ in case alone (ARM ids are case-insensitive,
# so a collector never writes one) falls back to comparing every id.
accounts_with_id(ref) := {account | account := by_lower_id[lower(ref)]} if ids_unique_ignoring_case

accounts_with_id(ref) := {account |
	some account_id, account in input.resources.azurerm_storage_account
	lower(account_id) == lower(ref)
} if not ids_unique_ignoring_case

ids_unique_ignoring_case if {
	lowered := {lower(account_id) | some account_id, _ in input.resources.azurerm_storage_account}
	count(lowered) == count(input.resources.azurerm_storage_account)
}

by_lower_id := index if {
	ids_unique_ignoring_case
	index := {lower(account_id): account | some account_id, account in input.resources.azurerm_storage_account}
}
