# METADATA
# title: Storage accounts replicate to a second region
# description: >-
#   Locally and zone-redundant storage keep every copy in one region; a regional
#   outage or disaster then loses access to the data. Geo-redundant SKUs (GRS, RA-GRS,
#   GZRS, RA-GZRS) keep a copy in the paired region.
# custom:
#   id: AZURE-STORAGE-017
#   severity: LOW
#   resource_type: azurerm_storage_account
#   remediation: >-
#     Change the account's redundancy to geo-redundant storage (az storage account
#     update --sku Standard_GRS or Standard_GZRS) for accounts that hold critical
#     data.
#   compliance:
#     CIS_Azure_v4.0: ["10.3.12"]
#     SOC2: ["A1.2"]
#     NIST_800_53_r5: ["CP-1(a)(1)(b)", "CP-1(a)(2)", "CP-2(a)", "CP-2(a)(6)", "CP-2(a)(7)",
#       "CP-2(d)", "CP-2(e)", "CP-2(5)", "CP-2(6)", "CP-6(2)", "CP-10", "SC-5(2)", "SC-6", "SC-22",
#       "SC-36", "SI-13(5)"]
#     ISO_27001_2022: ["A.5.30"]
package cspm.checks.azure.storage.geo_redundant

import data.cspm.lib.azure.storage

deny contains {"resource": id, "message": sprintf("redundancy %s keeps no copy in a second region", [account.config.sku_name])} if {
	some id, account in input.resources.azurerm_storage_account
	not account.config.sku_name in storage.geo_redundant_skus
}
