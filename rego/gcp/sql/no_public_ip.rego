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
#     PCI_DSS_v4.0: ["1.2.8", "1.3.1", "1.3.2", "1.4.2", "1.4.4", "1.5.1", "3.5.1.3", "10.3.2",
#       "A1.1.2", "A1.1.3", "A3.4.1"]
#     SOC2: ["CC6.6"]
#     NIST_800_53_r5: ["AC-2(6)", "AC-3", "AC-3(7)", "AC-4(21)", "AC-6", "AC-17(b)", "AC-17(1)",
#       "AC-17(4)(a)", "AC-17(9)", "AC-17(10)", "MP-2", "SC-7(2)", "SC-7(3)", "SC-7(7)",
#       "SC-7(9)(a)", "SC-7(11)", "SC-7(12)", "SC-7(16)", "SC-7(20)", "SC-7(21)", "SC-7(24)(b)",
#       "SC-7(25)", "SC-7(26)", "SC-7(27)", "SC-7(28)", "SC-7(a)", "SC-7(b)", "SC-7(c)", "SC-25"]
#     ISO_27001_2022: ["A.8.1"]
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
