# METADATA
# title: Azure Key Vault helpers
# description: Expiry of keys and secrets, whose metadata the collector keeps without values.
package cspm.lib.azure.keyvault

# without_expiry returns the names of the enabled items (keys or secrets) that never expire.
without_expiry(items) := {item.name |
	some item in items
	item.enabled
	not is_string(item.expires)
}
