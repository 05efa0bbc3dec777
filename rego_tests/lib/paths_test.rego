package cspm.lib.paths_test

import data.cspm.fixtures.paths as f
import data.cspm.lib.paths

# compute node "vm" and identities r1..r6, all limited unless a test says otherwise
vm := f.key("aws", "111122223333", "aws_instance", "vm")

role(n) := f.key("aws", "111122223333", "aws_iam_role", sprintf("r%d", [n]))

limited(n) := f.limited_role("aws", "111122223333", "aws_iam_role", sprintf("r%d", [n]))

admin(n) := f.admin_role("aws", "111122223333", "aws_iam_role", sprintf("r%d", [n]))

assume(n) := f.edge(role(n), "identity", sprintf("may assume r%d", [n]))

instance := f.node("aws", "111122223333", "aws_instance", "vm", "compute", {})

# a straight chain vm -> r1 -> ... -> rn whose last role is the only administrator
line(n) := f.graph(
	object.union({vm: instance}, {role(i): node |
		some i in numbers.range(1, n)
		node := limited_or_admin(i, n)
	}),
	object.union({vm: [assume(1)]}, {role(i): [assume(i + 1)] | some i in numbers.range(1, n - 1)}),
)

limited_or_admin(i, n) := admin(i) if i == n

limited_or_admin(i, n) := limited(i) if i != n

test_chain_to_admin_directly if {
	paths.identity_chains(vm) == {[role(1)]} with input as line(1)
}

test_chain_through_limited_roles if {
	paths.identity_chains(vm) == {[role(1), role(2), role(3)]} with input as line(3)
}

test_chain_of_max_hops_is_found if {
	paths.max_identity_hops == 4
	paths.identity_chains(vm) == {[role(1), role(2), role(3), role(4)]} with input as line(4)
}

test_chain_longer_than_max_hops_is_not_followed if {
	count(paths.identity_chains(vm)) == 0 with input as line(5)
}

test_chain_stops_at_the_first_admin if {
	g := f.graph(
		{vm: instance, role(1): admin(1), role(2): admin(2)},
		{vm: [assume(1)], role(1): [assume(2)]},
	)
	paths.identity_chains(vm) == {[role(1)]} with input as g
}

test_unknown_privilege_ends_a_chain if {
	unknown := f.unknown_role("aws", "444455556666", "aws_iam_role", "x")
	x := f.key("aws", "444455556666", "aws_iam_role", "x")
	g := f.graph(
		{vm: instance, role(1): limited(1), x: unknown},
		{vm: [assume(1)], role(1): [f.unknown_edge(x, "identity", "not scanned")]},
	)
	paths.identity_chains(vm) == {[role(1), x]} with input as g
}

test_cycle_without_admin_terminates_empty if {
	g := f.graph(
		{vm: instance, role(1): limited(1), role(2): limited(2)},
		{vm: [assume(1)], role(1): [assume(2)], role(2): [assume(1)]},
	)
	count(paths.identity_chains(vm)) == 0 with input as g
}

test_cycle_before_admin_finds_the_admin_once if {
	g := f.graph(
		{vm: instance, role(1): limited(1), role(2): limited(2), role(3): admin(3)},
		{vm: [assume(1)], role(1): [assume(2)], role(2): [assume(1), assume(3)]},
	)
	paths.identity_chains(vm) == {[role(1), role(2), role(3)]} with input as g
}

test_network_and_data_edges_are_not_identity if {
	g := f.graph(
		{vm: instance, role(1): admin(1)},
		{vm: [f.edge(role(1), "network", "not an identity edge")]},
	)
	count(paths.identity_chains(vm)) == 0 with input as g
}

test_identity_edges_skip_data_nodes if {
	bucket := f.key("aws", "111122223333", "aws_s3_bucket", "b")
	g := f.graph(
		{vm: instance, bucket: f.node("aws", "111122223333", "aws_s3_bucket", "b", "data", {})},
		{bucket: [assume(1)]},
	)
	not paths.identity_edges[bucket] with input as g
	paths.identity_edges[vm] == [] with input as g
}

test_chain_steps_carry_edge_reasons if {
	paths.chain_steps(vm, [role(1), role(2)]) == [
		{"resource": role(1), "why": "may assume r1"},
		{"resource": role(2), "why": "may assume r2"},
	] with input as line(2)
}

exposed_node(level, ports) := f.graph(
	{vm: f.node("aws", "111122223333", "aws_instance", "vm", "compute", {"exposure": f.exposure(
		level,
		[{"resource": "internet", "why": "gateway"}],
		ports,
	)})},
	{},
)

test_exposed_only_on_internet_level if {
	paths.exposed(vm) with input as exposed_node("internet", [])
	not paths.exposed(vm) with input as exposed_node("unknown", [])
	not paths.exposed(vm) with input as exposed_node("network", [])
}

test_maybe_exposed_admits_unknown if {
	paths.maybe_exposed(vm) with input as exposed_node("internet", [])
	paths.maybe_exposed(vm) with input as exposed_node("unknown", [])
	not paths.maybe_exposed(vm) with input as exposed_node("none", [])
}

test_admin_ports_and_route if {
	paths.admin_ports(vm) == {22, 3389} with input as exposed_node("internet", [22, 3389, 22])
	paths.admin_ports(vm) == set() with input as exposed_node("internet", [])
	paths.admin_ports("no-such-node") == set() with input as exposed_node("internet", [22])
	paths.route(vm) == [{"resource": "internet", "why": "gateway"}] with input as exposed_node("internet", [])
}
