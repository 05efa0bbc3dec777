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
#     PCI_DSS_v4.0: ["1.2.8", "1.3.1", "1.3.2", "1.4.2", "1.5.1", "2.2.7", "3.5.1", "3.5.1.3",
#       "5.3.4", "7.2.1", "8.3.2", "10.2.1", "10.2.1.1", "10.2.1.2", "10.2.1.3", "10.2.1.4",
#       "10.2.1.5", "10.2.1.6", "10.2.1.7", "10.2.2", "10.3.1", "10.3.2", "10.6.3", "A1.1.2",
#       "A1.1.3", "A1.2.1", "A3.4.1"]
#     SOC2: ["CC6.1", "C1.1"]
#     NIST_800_53_r5: ["AC-2(6)", "AC-3", "AC-3(7)", "AC-4(21)", "AC-6", "AC-17(b)", "AC-17(1)",
#       "AC-17(4)(a)", "AC-17(9)", "AC-17(10)", "MP-2", "SC-7(2)", "SC-7(3)", "SC-7(7)",
#       "SC-7(9)(a)", "SC-7(11)", "SC-7(12)", "SC-7(16)", "SC-7(20)", "SC-7(21)", "SC-7(24)(b)",
#       "SC-7(25)", "SC-7(26)", "SC-7(27)", "SC-7(28)", "SC-7(a)", "SC-7(b)", "SC-7(c)", "SC-25"]
#     ISO_27001_2022: ["A.8.1"]
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
