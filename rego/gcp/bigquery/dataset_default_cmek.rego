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
#     PCI_DSS_v4.0: ["3.5.1", "3.6.1"]
#     SOC2: ["CC6.1"]
package cspm.checks.gcp.bigquery.dataset_default_cmek

deny contains {"resource": id, "message": "dataset has no default customer-managed key"} if {
	some id, dataset in input.resources.google_bigquery_dataset
	is_null(dataset.config.default_kms_key_name)
}
