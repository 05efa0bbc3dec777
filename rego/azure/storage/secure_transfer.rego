# METADATA
# title: Storage accounts require secure transfer (HTTPS)
# description: >-
#   With 'Secure transfer required' off, the account accepts REST requests over plain
#   HTTP and SMB without encryption, so data and shared keys can cross the network in
#   clear text.
# custom:
#   id: AZURE-STORAGE-001
#   severity: HIGH
#   resource_type: azurerm_storage_account
#   remediation: >-
#     Set 'Secure transfer required' to Enabled (az storage account update --https-
#     only true).
#   compliance:
#     CIS_Azure_v4.0: ["10.3.4"]
#     PCI_DSS_v4.0: ["1.2.5", "2.2.5", "2.2.7", "3.5.1", "4.2.1", "4.2.1.1", "8.3.2"]
#     SOC2: ["CC6.2", "CC6.7"]
#     NIST_800_53_r5: ["AC-4", "AC-4(22)", "AC-17(2)", "AC-24(1)", "AU-9(3)", "CA-9(b)", "CM-6(a)",
#       "CM-9(b)", "IA-5(1)(c)", "PM-11(b)", "PM-17(b)", "SC-7(4)(b)", "SC-7(4)(g)", "SC-7(5)",
#       "SC-8", "SC-8(1)", "SC-8(2)", "SC-8(3)", "SC-8(4)", "SC-8(5)", "SC-13(a)", "SC-16(1)",
#       "SC-23", "SI-1(a)(2)"]
#     ISO_27001_2022: ["A.8.12", "A.8.14", "A.8.24"]
#     GDPR: ["Article 32"]
package cspm.checks.azure.storage.secure_transfer

deny contains {"resource": id, "message": "secure transfer is not required: the account accepts plain HTTP"} if {
	some id, account in input.resources.azurerm_storage_account
	not account.config.https_traffic_only
}
