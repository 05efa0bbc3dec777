# METADATA
# title: SQL servers protect TDE with a customer managed key
# description: >-
#   With a service-managed TDE protector Microsoft holds the key that encrypts the
#   databases; a protector in the organization's Key Vault lets it rotate or revoke
#   that key.
# custom:
#   id: AZURE-SQL-004
#   severity: LOW
#   resource_type: azurerm_mssql_server
#   remediation: >-
#     Set the server's TDE protector to a key in Azure Key Vault (az sql server tde-
#     key set --server-key-type AzureKeyVault).
#   compliance:
#     PCI_DSS_v4.0: ["3.5.1", "3.6.1"]
#     SOC2: ["CC6.1", "CC6.2", "CC6.7", "PI1.4"]
#     NIST_800_53_r5: ["AU-9(3)", "SC-8(3)", "SC-8(4)", "SC-13(a)", "SC-28(1)", "SI-19(4)"]
#     ISO_27001_2022: ["A.8.12", "A.8.24"]
#     GDPR: ["Article 32"]
package cspm.checks.azure.sql.tde_customer_managed_key

deny contains {"resource": id, "message": "the TDE protector is service-managed"} if {
	some id, server in input.resources.azurerm_mssql_server
	server.config.encryption_protector.server_key_type != "AzureKeyVault"
}
