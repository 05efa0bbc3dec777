# METADATA
# title: Dataproc clusters encrypt their disks with a customer-managed key
# description: >-
#   Cluster disks hold the data being processed; with a Cloud KMS key the organization
#   controls, access to that data follows the key's policy and can be cut off.
# custom:
#   id: GCP-DATAPROC-001
#   severity: LOW
#   resource_type: google_dataproc_cluster
#   remediation: >-
#     Recreate the cluster with --gce-pd-kms-key (and --kms-key for job arguments and
#     other data); the setting cannot be changed on a running cluster.
#   compliance:
#     CIS_GCP_v4.0: ["8.1"]
#     PCI_DSS_v4.0: ["3.5.1", "3.6.1", "8.3.2", "10.3.2", "10.3.4"]
#     SOC2: ["CC6.1", "C1.1", "PI1.5"]
#     ISO_27001_2022: ["A.8.11"]
package cspm.checks.gcp.dataproc.cluster_cmek

deny contains {"resource": id, "message": "cluster disks use a Google-managed key"} if {
	some id, cluster in input.resources.google_dataproc_cluster
	is_null(cluster.config.kms_key_name)
}
