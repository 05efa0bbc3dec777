# METADATA
# title: Cloud SQL instances have no public IP address
# description: >-
#   A public IP puts the database endpoint on the internet; private IP (with the Cloud SQL
#   Auth Proxy for people) keeps it reachable only from the VPC.
# custom:
#   id: GCP-SQL-003
#   severity: HIGH
#   resource_type: google_sql_database_instance
#   remediation: >-
#     Give the instance a private IP on a VPC (`--network`), move clients to it, then
#     `gcloud sql instances patch INSTANCE --no-assign-ip`.
#   compliance:
#     CIS_GCP_v4.0: ["6.6"]
#     PCI_DSS_v4.0: ["1.3.1", "1.4.4"]
#     SOC2: ["CC6.6"]
package cspm.checks.gcp.sql.no_public_ip

deny contains {"resource": id, "message": "instance has a public IP address"} if {
	some id, db in input.resources.google_sql_database_instance
	db.config.ip_configuration.ipv4_enabled == true
}

deny contains {"resource": id, "message": "instance has a public IP address"} if {
	some id, db in input.resources.google_sql_database_instance
	some address in db.config.ip_addresses
	address.type == "PRIMARY"
}
