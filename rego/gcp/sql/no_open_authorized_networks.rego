# METADATA
# title: Cloud SQL instances do not authorize the whole internet
# description: >-
#   An authorized network of 0.0.0.0/0 (or ::/0) lets any address on the internet reach
#   the database's public IP, leaving only the database password in the way.
# custom:
#   id: GCP-SQL-002
#   severity: CRITICAL
#   resource_type: google_sql_database_instance
#   remediation: >-
#     Replace the entry with the addresses that need access (`gcloud sql instances patch
#     INSTANCE --authorized-networks CIDRS`), or connect through the Cloud SQL Auth Proxy
#     or private IP instead.
#   compliance:
#     CIS_GCP_v4.0: ["6.5"]
#     PCI_DSS_v4.0: ["1.2.8", "1.3.1", "1.3.2", "1.4.1", "1.4.2", "1.4.5", "1.5.1", "3.5.1.3",
#       "7.2.2", "7.3.1", "7.3.2", "7.3.3", "8.2.7", "10.3.2", "A1.1.2", "A1.1.3", "A3.4.1"]
#     SOC2: ["CC6.2", "CC6.6"]
#     NIST_800_53_r5: ["AC-2(6)", "AC-3", "AC-3(7)", "AC-4(21)", "AC-6", "AC-17(b)", "AC-17(1)",
#       "AC-17(4)(a)", "AC-17(9)", "AC-17(10)", "MP-2", "SC-7(2)", "SC-7(3)", "SC-7(7)",
#       "SC-7(9)(a)", "SC-7(11)", "SC-7(12)", "SC-7(16)", "SC-7(20)", "SC-7(21)", "SC-7(24)(b)",
#       "SC-7(25)", "SC-7(26)", "SC-7(27)", "SC-7(28)", "SC-7(a)", "SC-7(b)", "SC-7(c)", "SC-25"]
#     ISO_27001_2022: ["A.8.1"]
package cspm.checks.gcp.sql.no_open_authorized_networks

import data.cspm.lib.net

deny contains {"resource": id, "message": msg} if {
	some id, db in input.resources.google_sql_database_instance
	some entry in db.config.ip_configuration.authorized_networks
	net.is_world(entry.value)
	msg := sprintf("authorized network %s admits every address", [entry.value])
}
