# METADATA
# title: Storage accounts encrypt data with a customer-managed key
# description: >-
#   With Microsoft-managed keys the platform alone holds the key that protects the
#   account's blobs, files, queues and tables. A customer-managed key in Key Vault lets
#   the owner control its rotation and access, audit its use, and revoke it to make the
#   data unreadable.
# custom:
#   id: AZURE-STORAGE-018
#   severity: MEDIUM
#   resource_type: azurerm_storage_account
#   remediation: >-
#     Configure encryption with a customer-managed key from Key Vault (az storage
#     account update --encryption-key-source Microsoft.Keyvault --encryption-key-vault
#     URI --encryption-key-name KEY) after granting the account's identity access to the
#     key.
#   compliance:
#     PCI_DSS_v4.0: ["3.5.1", "8.3.2"]
#     SOC2: ["CC6.1", "CC6.7", "CC7.5", "PI1.4", "PI1.5"]
#     NIST_800_53_r5: ["AU-9(3)", "CM-6(a)", "CM-9(b)", "CP-9(d)", "CP-9(8)", "PM-11(b)", "SC-8(3)",
#       "SC-8(4)", "SC-13(a)", "SC-16(1)", "SC-28(1)", "SI-19(4)"]
#     ISO_27001_2022: ["A.8.5", "A.8.11", "A.8.24"]
#     GDPR: ["Article 32"]
package cspm.checks.azure.storage.customer_managed_key

deny contains {"resource": id, "message": sprintf("data is encrypted with %s keys, not a customer-managed key", [account.config.encryption.key_source])} if {
	some id, account in input.resources.azurerm_storage_account
	lower(account.config.encryption.key_source) != "microsoft.keyvault"
}
