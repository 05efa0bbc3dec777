# METADATA
# title: Cloud SQL instances accept only encrypted connections
# description: >-
#   Unless the instance requires TLS, a client (or a misconfigured driver) can connect in
#   clear text and send credentials and data readable on the network path.
# custom:
#   id: GCP-SQL-001
#   severity: HIGH
#   resource_type: google_sql_database_instance
#   remediation: >-
#     `gcloud sql instances patch INSTANCE --ssl-mode ENCRYPTED_ONLY` (or
#     TRUSTED_CLIENT_CERTIFICATE_REQUIRED to require client certificates too).
#   compliance:
#     CIS_GCP_v4.0: ["6.4"]
#     PCI_DSS_v4.0: ["4.2.1"]
#     SOC2: ["CC6.7"]
package cspm.checks.gcp.sql.require_ssl

encrypted_modes := {"ENCRYPTED_ONLY", "TRUSTED_CLIENT_CERTIFICATE_REQUIRED"}

deny contains {"resource": id, "message": "instance accepts unencrypted connections"} if {
	some id, db in input.resources.google_sql_database_instance
	not encrypted_only(db.config.ip_configuration)
}

encrypted_only(ip) if ip.ssl_mode in encrypted_modes

# Instances that predate sslMode report only requireSsl.
encrypted_only(ip) if {
	is_null(ip.ssl_mode)
	ip.require_ssl == true
}
