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
#     PCI_DSS_v4.0: ["1.3.1", "1.4.1"]
#     SOC2: ["CC6.6"]
package cspm.checks.gcp.sql.no_open_authorized_networks

import data.cspm.lib.net

deny contains {"resource": id, "message": msg} if {
	some id, db in input.resources.google_sql_database_instance
	some entry in db.config.ip_configuration.authorized_networks
	net.is_world(entry.value)
	msg := sprintf("authorized network %s admits every address", [entry.value])
}
