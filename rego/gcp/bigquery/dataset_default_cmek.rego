# METADATA
# title: BigQuery datasets have a default customer-managed key
# description: >-
#   A dataset's default Cloud KMS key encrypts every table created in it, so new tables do
#   not silently fall back to Google-managed encryption.
# custom:
#   id: GCP-BIGQUERY-003
#   severity: LOW
#   resource_type: google_bigquery_dataset
#   remediation: >-
#     `bq update --default_kms_key projects/P/locations/L/keyRings/R/cryptoKeys/K
#     PROJECT:DATASET`.
#   compliance:
#     CIS_GCP_v4.0: ["7.3"]
#     PCI_DSS_v4.0: ["3.5.1", "3.6.1", "5.3.4", "8.3.2", "10.2.1", "10.2.1.1", "10.2.1.2",
#       "10.2.1.3", "10.2.1.4", "10.2.1.5", "10.2.1.6", "10.2.1.7", "10.2.2", "10.3.1", "10.3.2",
#       "10.3.4", "10.6.3", "A1.2.1"]
#     SOC2: ["CC6.1", "C1.1", "PI1.4"]
#     NIST_800_53_r5: ["AU-9(3)", "SC-8(3)", "SC-8(4)", "SC-13(a)", "SC-28(1)", "SI-19(4)"]
#     ISO_27001_2022: ["A.8.11"]
#     GDPR: ["Article 32"]
package cspm.checks.gcp.bigquery.dataset_default_cmek

deny contains {"resource": id, "message": "dataset has no default customer-managed key"} if {
	some id, dataset in input.resources.google_bigquery_dataset
	is_null(dataset.config.default_kms_key_name)
}
