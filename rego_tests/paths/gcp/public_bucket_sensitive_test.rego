package cspm.paths.gcp.public_bucket_sensitive_test

import data.cspm.fixtures.paths as f
import data.cspm.paths.gcp.public_bucket_sensitive

bucket := f.key("gcp", "acme-prod", "google_storage_bucket", "exports")

estate(level, jewel) := f.graph(
	{bucket: f.node(
		"gcp", "acme-prod", "google_storage_bucket", "exports", "data",
		{
			"exposure": object.union(f.exposure(level, [], []), {"summary": "IAM roles/storage.objectViewer to allUsers"}),
			"sensitivity": "phi",
			"sensitivity_source": "label data_classification=phi",
			"crown_jewel": jewel,
		},
	)},
	{},
)

test_path_public_sensitive_bucket if {
	found := public_bucket_sensitive.paths with input as estate("internet", true)
	count(found) == 1
	some path in found
	path.entry == "internet"
	path.steps == []
	path.target == {
		"resource": bucket,
		"why": "IAM roles/storage.objectViewer to allUsers; PHI data (label data_classification=phi)",
	}
}

test_possible_when_bucket_policy_unknown if {
	some path in public_bucket_sensitive.paths with input as estate("unknown", true)
	path.target.resource == bucket
}

test_no_path_when_not_public if {
	every level in ["none", "network"] {
		count(public_bucket_sensitive.paths) == 0 with input as estate(level, true)
	}
}

test_no_path_when_not_sensitive if {
	count(public_bucket_sensitive.paths) == 0 with input as estate("internet", false)
}
