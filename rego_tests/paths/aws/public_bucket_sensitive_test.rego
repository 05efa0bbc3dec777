package cspm.paths.aws.public_bucket_sensitive_test

import data.cspm.fixtures.paths as f
import data.cspm.paths.aws.public_bucket_sensitive

bucket := f.key("aws", "111122223333", "aws_s3_bucket", "customers")

estate(level, jewel, attributes) := f.graph(
	{bucket: f.node(
		"aws", "111122223333", "aws_s3_bucket", "customers", "data",
		{
			"exposure": object.union(f.exposure(level, [], []), {"summary": "public: AllUsers granted READ"}),
			"sensitivity": "pii",
			"sensitivity_source": "tag DataClassification=PII",
			"crown_jewel": jewel,
			"attributes": attributes,
		},
	)},
	{},
)

test_path_public_sensitive_bucket if {
	found := public_bucket_sensitive.paths with input as estate("internet", true, {"encrypted": true})
	count(found) == 1
	some path in found
	path.entry == "internet"
	path.steps == []
	path.target == {
		"resource": bucket,
		"why": "public: AllUsers granted READ; PII data (tag DataClassification=PII), encrypted at rest",
	}
}

test_path_says_how_it_is_encrypted if {
	some plain in public_bucket_sensitive.paths with input as estate("internet", true, {"encrypted": false})
	endswith(plain.target.why, ", no encryption")
	some unread in public_bucket_sensitive.paths with input as estate("internet", true, {"encrypted": null})
	endswith(unread.target.why, ", encryption not collected")
	some bare in public_bucket_sensitive.paths with input as estate("internet", true, {})
	endswith(bare.target.why, ", encryption not collected")
}

test_possible_when_exposure_unknown if {
	some path in public_bucket_sensitive.paths with input as estate("unknown", true, {"encrypted": true})
	path.target.resource == bucket
}

test_no_path_when_not_public if {
	every level in ["none", "network"] {
		count(public_bucket_sensitive.paths) == 0 with input as estate(level, true, {"encrypted": true})
	}
}

test_no_path_when_not_sensitive if {
	count(public_bucket_sensitive.paths) == 0 with input as estate("internet", false, {"encrypted": true})
}
