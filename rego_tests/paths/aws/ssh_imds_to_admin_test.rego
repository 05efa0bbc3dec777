package cspm.paths.aws.ssh_imds_to_admin_test

import data.cspm.fixtures.paths as f
import data.cspm.paths.aws.ssh_imds_to_admin

acct := "111122223333"

igw := f.key("aws", acct, "aws_internet_gateway", "igw-1")

subnet := f.key("aws", acct, "aws_subnet", "subnet-1")

vm := f.key("aws", acct, "aws_instance", "i-1")

app := f.key("aws", acct, "aws_iam_role", "app")

admin := f.key("aws", acct, "aws_iam_role", "admin")

route := [
	{"resource": igw, "why": "internet gateway igw-1"},
	{"resource": subnet, "why": "subnet subnet-1 uses that table"},
]

instance(level, ports, imds_v1) := f.node("aws", acct, "aws_instance", "i-1", "compute", {
	"exposure": f.exposure(level, route, ports),
	"attributes": {"imds_v1": imds_v1, "state": "running"},
})

# vm -> its role `first`; `nodes` and `edges` add the identities behind it
estate(vm_node, first, nodes, edges) := f.graph(
	object.union(
		{
			igw: f.node("aws", acct, "aws_internet_gateway", "igw-1", "network", {}),
			subnet: f.node("aws", acct, "aws_subnet", "subnet-1", "network", {}),
			vm: vm_node,
		},
		nodes,
	),
	object.union({vm: [f.edge(first, "identity", "instance profile (IMDSv1 allowed)")]}, edges),
)

direct_admin := estate(
	instance("internet", [22], true), admin,
	{admin: f.admin_role("aws", acct, "aws_iam_role", "admin")}, {},
)

test_path_ssh_imdsv1_role_is_admin if {
	found := ssh_imds_to_admin.paths with input as direct_admin
	count(found) == 1
	some path in found
	path.entry == "internet"
	[s.resource | some s in path.steps] == [igw, subnet, vm]
	contains(path.steps[2].why, "port(s) [22] open to the internet")
	path.target == {"resource": admin, "why": "administrator through AdministratorAccess"}
}

test_path_through_an_assumed_role if {
	g := estate(
		instance("internet", [22, 3389], true), app,
		{
			app: f.limited_role("aws", acct, "aws_iam_role", "app"),
			admin: f.admin_role("aws", acct, "aws_iam_role", "admin"),
		},
		{app: [f.edge(admin, "identity", "may assume role admin")]},
	)
	some path in ssh_imds_to_admin.paths with input as g
	[s.resource | some s in path.steps] == [igw, subnet, vm, app]
	path.steps[3].why == "instance profile (IMDSv1 allowed)"
	contains(path.steps[2].why, "[22, 3389]")
	path.target.resource == admin
}

test_possible_when_role_privileges_unknown if {
	g := estate(
		instance("internet", [22], true), admin,
		{admin: object.union(
			f.unknown_role("aws", acct, "aws_iam_role", "admin"),
			{"privilege_reason": "policies not read: inline x"},
		)},
		{},
	)
	some path in ssh_imds_to_admin.paths with input as g
	path.target == {"resource": admin, "why": "policies not read: inline x"}
}

test_no_path_with_imdsv2_required if {
	g := estate(
		instance("internet", [22], false), admin,
		{admin: f.admin_role("aws", acct, "aws_iam_role", "admin")}, {},
	)
	count(ssh_imds_to_admin.paths) == 0 with input as g
}

test_no_path_without_admin_port if {
	g := estate(
		instance("internet", [], true), admin,
		{admin: f.admin_role("aws", acct, "aws_iam_role", "admin")}, {},
	)
	count(ssh_imds_to_admin.paths) == 0 with input as g
}

test_no_path_when_exposure_none_or_unknown if {
	every level in ["none", "network", "unknown"] {
		g := estate(
			instance(level, [22], true), admin,
			{admin: f.admin_role("aws", acct, "aws_iam_role", "admin")}, {},
		)
		count(ssh_imds_to_admin.paths) == 0 with input as g
	}
}

test_no_path_when_role_is_limited if {
	g := estate(
		instance("internet", [22], true), app,
		{app: f.limited_role("aws", acct, "aws_iam_role", "app")}, {},
	)
	count(ssh_imds_to_admin.paths) == 0 with input as g
}

test_no_path_without_identity_edge if {
	g := f.graph(
		{
			vm: instance("internet", [22], true),
			admin: f.admin_role("aws", acct, "aws_iam_role", "admin"),
		},
		{},
	)
	count(ssh_imds_to_admin.paths) == 0 with input as g
}
