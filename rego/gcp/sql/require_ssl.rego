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
#     PCI_DSS_v4.0: ["1.2.5", "1.2.8", "1.3.1", "1.3.2", "1.4.2", "2.2.5", "2.2.7", "3.5.1",
#       "4.2.1", "4.2.1.1", "7.2.1", "7.2.2", "7.2.5", "7.3.1", "7.3.2", "7.3.3", "8.2.7", "8.2.8",
#       "8.3.2", "10.2.1.3", "10.3.2", "A1.1.2"]
#     SOC2: ["CC6.7"]
#     NIST_800_53_r5: ["AC-4", "AC-4(22)", "AC-17(2)", "AC-24(1)", "AU-9(3)", "CA-9(b)", "CM-6(a)",
#       "CM-9(b)", "IA-5(1)(c)", "PM-11(b)", "PM-17(b)", "SC-7(4)(b)", "SC-7(4)(g)", "SC-7(5)",
#       "SC-8", "SC-8(1)", "SC-8(2)", "SC-8(3)", "SC-8(4)", "SC-8(5)", "SC-13(a)", "SC-16(1)",
#       "SC-23", "SI-1(a)(2)"]
#     ISO_27001_2022: ["A.8.12"]
#     GDPR: ["Article 32"]
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
