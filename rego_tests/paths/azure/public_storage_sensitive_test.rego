package cspm.paths.azure.public_storage_sensitive_test

import data.cspm.fixtures.paths as f
import data.cspm.paths.azure.public_storage_sensitive

sub := "00000000-0000-0000-0000-000000000001"

account := f.key("azure", sub, "azurerm_storage_account", "stdata")

estate(level, anonymous_read, jewel) := f.graph(
	{account: f.node(
		"azure", sub, "azurerm_storage_account", "stdata", "data",
		{
			"exposure": object.union(f.exposure(level, [], []), {"summary": "container public is anonymous"}),
			"attributes": {"anonymous_read": anonymous_read},
			"sensitivity": "pci",
			"sensitivity_source": "scope classification",
			"crown_jewel": jewel,
		},
	)},
	{},
)

test_path_public_sensitive_storage if {
	found := public_storage_sensitive.paths with input as estate("internet", true, true)
	count(found) == 1
	some path in found
	path.entry == "internet"
	path.steps == []
	path.target == {
		"resource": account,
		"why": "container public is anonymous; PCI data (scope classification)",
	}
}

test_possible_when_exposure_or_containers_unknown if {
	some unknown_exposure in public_storage_sensitive.paths with input as estate("unknown", true, true)
	unknown_exposure.target.resource == account
	some unread in public_storage_sensitive.paths with input as estate("internet", null, true)
	unread.target.resource == account
}

test_no_path_without_anonymous_read if {
	count(public_storage_sensitive.paths) == 0 with input as estate("internet", false, true)
}

test_no_path_when_not_sensitive if {
	count(public_storage_sensitive.paths) == 0 with input as estate("internet", true, false)
}

test_no_path_when_network_restricted if {
	every level in ["none", "network"] {
		count(public_storage_sensitive.paths) == 0 with input as estate(level, true, true)
	}
}
