package cspm.paths.aws.public_database_test

import data.cspm.fixtures.paths as f
import data.cspm.paths.aws.public_database

acct := "111122223333"

igw := f.key("aws", acct, "aws_internet_gateway", "igw-1")

sg := f.key("aws", acct, "aws_security_group", "sg-1")

route := [
	{"resource": igw, "why": "internet gateway igw-1"},
	{"resource": sg, "why": "security group admits tcp/5432 from anywhere"},
]

db(rtype, level) := f.node("aws", acct, rtype, "orders", "data", {"exposure": object.union(
	f.exposure(level, route, []),
	{"summary": "publicly accessible"},
)})

estate(rtype, level) := f.graph({f.key("aws", acct, rtype, "orders"): db(rtype, level)}, {})

test_path_public_db_instance if {
	found := public_database.paths with input as estate("aws_db_instance", "internet")
	count(found) == 1
	some path in found
	path.entry == "internet"
	[s.resource | some s in path.steps] == [igw, sg]
	path.target == {
		"resource": f.key("aws", acct, "aws_db_instance", "orders"),
		"why": "publicly accessible database: publicly accessible",
	}
}

test_path_public_aurora_cluster if {
	some path in public_database.paths with input as estate("aws_rds_cluster", "internet")
	path.target.resource == f.key("aws", acct, "aws_rds_cluster", "orders")
}

test_possible_when_exposure_unknown if {
	some path in public_database.paths with input as estate("aws_db_instance", "unknown")
	path.target.resource == f.key("aws", acct, "aws_db_instance", "orders")
}

test_no_path_when_private if {
	every level in ["none", "network"] {
		count(public_database.paths) == 0 with input as estate("aws_db_instance", level)
	}
}

test_no_path_for_other_types if {
	count(public_database.paths) == 0 with input as estate("aws_s3_bucket", "internet")
}
