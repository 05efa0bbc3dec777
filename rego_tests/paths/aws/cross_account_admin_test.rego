package cspm.paths.aws.cross_account_admin_test

import data.cspm.fixtures.paths as f
import data.cspm.paths.aws.cross_account_admin

a := "111122223333"

b := "444455556666"

igw := f.key("aws", a, "aws_internet_gateway", "igw-1")

vm := f.key("aws", a, "aws_instance", "i-1")

app := f.key("aws", a, "aws_iam_role", "app")

admin_in(account) := f.key("aws", account, "aws_iam_role", "admin")

instance(level) := f.node("aws", a, "aws_instance", "i-1", "compute", {
	"exposure": f.exposure(level, [{"resource": igw, "why": "internet gateway igw-1"}], []),
	"attributes": {"imds_v1": false},
})

# vm -> app (limited, account a) -> `target` through `hop`
estate(level, target, target_node, hop) := f.graph(
	{
		igw: f.node("aws", a, "aws_internet_gateway", "igw-1", "network", {}),
		vm: instance(level),
		app: f.limited_role("aws", a, "aws_iam_role", "app"),
		target: target_node,
	},
	{
		vm: [f.edge(app, "identity", "holds the credentials of role app")],
		app: [hop],
	},
)

cross := estate(
	"internet", admin_in(b),
	f.admin_role("aws", b, "aws_iam_role", "admin"),
	f.edge(admin_in(b), "identity", "may assume cross-account role admin"),
)

test_path_to_admin_of_another_account if {
	found := cross_account_admin.paths with input as cross
	count(found) == 1
	some path in found
	path.entry == "internet"
	[s.resource | some s in path.steps] == [igw, vm, app]
	path.steps[1].why == "reachable from the internet"
	path.steps[2].why == "holds the credentials of role app"
	path.target.resource == admin_in(b)
	path.target.why == sprintf("administrator of account %s: administrator through AdministratorAccess", [b])
}

test_possible_when_other_account_not_scanned if {
	g := estate(
		"internet", admin_in(b),
		f.unknown_role("aws", b, "aws_iam_role", "admin"),
		f.unknown_edge(admin_in(b), "identity", "its account was not scanned"),
	)
	some path in cross_account_admin.paths with input as g
	path.target.resource == admin_in(b)
	path.target.why == sprintf("administrator of account %s: privileges not collected", [b])
}

test_no_path_to_admin_of_the_same_account if {
	g := estate(
		"internet", admin_in(a),
		f.admin_role("aws", a, "aws_iam_role", "admin"),
		f.edge(admin_in(a), "identity", "may assume role admin"),
	)
	count(cross_account_admin.paths) == 0 with input as g
}

test_no_path_when_instance_not_exposed if {
	every level in ["none", "network"] {
		g := estate(
			level, admin_in(b),
			f.admin_role("aws", b, "aws_iam_role", "admin"),
			f.edge(admin_in(b), "identity", "may assume cross-account role admin"),
		)
		count(cross_account_admin.paths) == 0 with input as g
	}
}

test_no_path_when_other_role_is_limited if {
	g := estate(
		"internet", admin_in(b),
		f.limited_role("aws", b, "aws_iam_role", "admin"),
		f.edge(admin_in(b), "identity", "may assume cross-account role admin"),
	)
	count(cross_account_admin.paths) == 0 with input as g
}

test_path_possible_when_instance_exposure_unknown if {
	g := estate(
		"unknown", admin_in(b),
		f.admin_role("aws", b, "aws_iam_role", "admin"),
		f.edge(admin_in(b), "identity", "may assume cross-account role admin"),
	)
	count(cross_account_admin.paths) == 1 with input as g
}
