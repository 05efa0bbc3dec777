package cspm.paths.azure.vm_privileged_identity_test

import data.cspm.fixtures.paths as f
import data.cspm.paths.azure.vm_privileged_identity

sub := "00000000-0000-0000-0000-000000000001"

pip := f.key("azure", sub, "azurerm_public_ip", "pip")

vm := f.key("azure", sub, "azurerm_virtual_machine", "vm")

mi := f.key("azure", sub, "azurerm_user_assigned_identity", "mi")

vm_node(level) := f.node("azure", sub, "azurerm_virtual_machine", "vm", "compute", {"exposure": f.exposure(
	level,
	[{"resource": pip, "why": "public IP 20.0.0.1"}],
	[3389],
)})

owner := object.union(
	f.admin_role("azure", sub, "azurerm_user_assigned_identity", "mi"),
	{"privilege_reason": "Owner on the subscription"},
)

estate(level, identity, edges) := f.graph(
	{
		pip: f.node("azure", sub, "azurerm_public_ip", "pip", "network", {}),
		vm: vm_node(level),
		mi: identity,
	},
	edges,
)

holds := {vm: [f.edge(mi, "identity", "managed identity")]}

test_path_vm_with_owner_identity if {
	found := vm_privileged_identity.paths with input as estate("internet", owner, holds)
	count(found) == 1
	some path in found
	path.entry == "internet"
	path.steps == [
		{"resource": pip, "why": "public IP 20.0.0.1"},
		{"resource": vm, "why": "reachable from the internet"},
	]
	path.target == {"resource": mi, "why": "Owner on the subscription"}
}

test_possible_when_role_assignments_unknown if {
	unread := f.unknown_role("azure", sub, "azurerm_user_assigned_identity", "mi")
	some path in vm_privileged_identity.paths with input as estate("internet", unread, holds)
	path.target == {"resource": mi, "why": "privileges not collected"}
}

test_no_path_with_limited_identity if {
	reader := f.limited_role("azure", sub, "azurerm_user_assigned_identity", "mi")
	count(vm_privileged_identity.paths) == 0 with input as estate("internet", reader, holds)
}

test_no_path_without_identity_edge if {
	count(vm_privileged_identity.paths) == 0 with input as estate("internet", owner, {})
}

test_no_path_when_vm_not_exposed if {
	every level in ["none", "network"] {
		count(vm_privileged_identity.paths) == 0 with input as estate(level, owner, holds)
	}
}

test_path_when_vm_exposure_unknown if {
	count(vm_privileged_identity.paths) == 1 with input as estate("unknown", owner, holds)
}
