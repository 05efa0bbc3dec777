# METADATA
# title: BigQuery tables are encrypted with a customer-managed key
# description: >-
#   With a Cloud KMS key the organization controls (CMEK), disabling or destroying the key
#   makes the table unreadable, and every use of the key is logged. Views hold no data
#   and are left out.
# custom:
#   id: GCP-BIGQUERY-002
#   severity: LOW
#   resource_type: google_bigquery_table
#   remediation: >-
#     Copy the table into one created with --destination_kms_key (`bq cp
#     --destination_kms_key KEY SRC DST`), or set a default key on the dataset for new
#     tables.
#   compliance:
#     CIS_GCP_v4.0: ["7.2"]
#     PCI_DSS_v4.0: ["3.5.1", "3.6.1", "8.3.2", "10.3.2", "10.3.4"]
#     SOC2: ["CC6.1", "C1.1", "PI1.4"]
#     NIST_800_53_r5: ["AU-9(3)", "SC-8(3)", "SC-8(4)", "SC-13(a)", "SC-28(1)", "SI-19(4)"]
#     ISO_27001_2022: ["A.8.11"]
#     GDPR: ["Article 32"]
package cspm.checks.gcp.bigquery.table_cmek

data_holding := {"TABLE", "MATERIALIZED_VIEW", "SNAPSHOT"}

applies contains id if {
	some id, table in input.resources.google_bigquery_table
	table.config.table_type in data_holding
}

deny contains {"resource": id, "message": "table is encrypted with a Google-managed key"} if {
	some id in applies
	is_null(input.resources.google_bigquery_table[id].config.kms_key_name)
}
