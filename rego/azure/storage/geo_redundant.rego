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
#     ISO_27001_2022: ["A.5.30"]
package cspm.checks.azure.storage.geo_redundant

import data.cspm.lib.azure.storage

deny contains {"resource": id, "message": sprintf("redundancy %s keeps no copy in a second region", [account.config.sku_name])} if {
	some id, account in input.resources.azurerm_storage_account
	not account.config.sku_name in storage.geo_redundant_skus
}
