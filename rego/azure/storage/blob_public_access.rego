# METADATA
# title: Storage accounts disallow anonymous blob access
# description: >-
#   When 'Allow Blob anonymous access' is on, any container can be made readable by
#   anyone on the internet without credentials.
# custom:
#   id: AZURE-STORAGE-003
#   severity: HIGH
#   resource_type: azurerm_storage_account
#   remediation: >-
#     Set 'Allow Blob anonymous access' to Disabled (az storage account update
#     --allow-blob-public-access false).
#   compliance:
#     CIS_Azure_v4.0: ["10.3.9"]
#     PCI_DSS_v4.0: ["1.2.8", "1.3.1", "1.3.2", "1.4.2", "1.4.4", "1.5.1", "3.5.1.3", "7.2.1",
#       "7.2.2", "7.2.5", "7.2.6", "7.3.1", "7.3.2", "7.3.3", "8.2.7", "8.2.8", "8.3.4", "10.3.2",
#       "10.3.3", "10.3.4", "10.6.3", "A1.1.2", "A1.1.3", "A1.2.1", "A3.4.1"]
#     SOC2: ["CC6.1"]
#     NIST_800_53_r5: ["AC-2(6)", "AC-3", "AC-3(7)", "AC-4(21)", "AC-6", "AC-17(b)", "AC-17(1)",
#       "AC-17(4)(a)", "AC-17(9)", "AC-17(10)", "CM-6(a)", "CM-9(b)", "MP-2", "SC-7(2)", "SC-7(3)",
#       "SC-7(7)", "SC-7(9)(a)", "SC-7(11)", "SC-7(12)", "SC-7(16)", "SC-7(20)", "SC-7(21)",
#       "SC-7(24)(b)", "SC-7(25)", "SC-7(26)", "SC-7(27)", "SC-7(28)", "SC-7(a)", "SC-7(b)",
#       "SC-7(c)", "SC-25"]
#     ISO_27001_2022: ["A.8.1", "A.8.2"]
package cspm.checks.azure.storage.blob_public_access

deny contains {"resource": id, "message": "anonymous (public) blob access is allowed"} if {
	some id, account in input.resources.azurerm_storage_account
	account.config.allow_blob_public_access
}
