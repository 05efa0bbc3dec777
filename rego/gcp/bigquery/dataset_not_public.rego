# METADATA
# title: BigQuery datasets are not public
# description: >-
#   A dataset that grants a role to allUsers or allAuthenticatedUsers, through its access
#   list or its IAM policy, lets anyone query its tables.
# custom:
#   id: GCP-BIGQUERY-001
#   severity: CRITICAL
#   resource_type: google_bigquery_dataset
#   remediation: >-
#     Remove the public entries from the dataset's sharing settings (`bq show --format
#     prettyjson PROJECT:DATASET`, edit the access list, `bq update --source FILE`).
#   compliance:
#     CIS_GCP_v4.0: ["7.1"]
#     PCI_DSS_v4.0: ["7.2.1"]
#     SOC2: ["CC6.1", "C1.1"]
package cspm.checks.gcp.bigquery.dataset_not_public

import data.cspm.lib.gcp.iam

deny contains {"resource": id, "message": msg} if {
	some id, dataset in input.resources.google_bigquery_dataset
	entries := {sprintf("%s to %s", [e.role, e.member]) |
		some e in dataset.config.access
		e.member in iam.public_members
	}
	count(entries) > 0
	msg := sprintf("dataset access list is public: %s", [concat("; ", sort(entries))])
}

deny contains {"resource": id, "message": msg} if {
	some id, dataset in input.resources.google_bigquery_dataset
	grants := iam.public_grants(dataset.config.iam_bindings)
	count(grants) > 0
	msg := sprintf("dataset IAM policy is public: %s", [concat("; ", sort(grants))])
}
