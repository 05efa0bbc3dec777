# METADATA
# title: PostgreSQL instances enable pgAudit
# description: >-
#   pgAudit writes session and object audit records (who read or changed which table) to
#   Cloud Logging, detail the standard PostgreSQL logs do not have.
# custom:
#   id: GCP-SQL-014
#   severity: MEDIUM
#   resource_type: google_sql_database_instance
#   remediation: >-
#     Set the flag: `gcloud sql instances patch INSTANCE --database-flags
#     "cloudsql.enable_pgaudit=on"` (the command replaces the whole flag list: repeat the
#     flags already set).
#   compliance:
#     CIS_GCP_v4.0: ["6.2.8"]
#     PCI_DSS_v4.0: ["10.2.1", "10.2.1.1", "10.2.2", "10.3.1", "10.3.2"]
#     SOC2: ["CC7.2"]
#     NIST_800_53_r5: ["AC-2(4)", "AC-3(1)", "AC-3(10)", "AC-4(26)", "AC-6(9)", "AU-2(b)",
#       "AU-3(a)", "AU-3(b)", "AU-3(c)", "AU-3(d)", "AU-3(e)", "AU-3(f)", "AU-6(3)", "AU-6(4)",
#       "AU-6(6)", "AU-6(9)", "AU-8(b)", "AU-10", "AU-12(a)", "AU-12(c)", "AU-12(1)", "AU-12(2)",
#       "AU-12(3)", "AU-12(4)", "AU-14(a)", "AU-14(b)", "AU-14(3)", "CA-7(b)", "CM-5(1)(b)",
#       "IA-3(3)(b)", "MA-4(1)(a)", "PM-14(a)(1)", "PM-14(b)", "PM-31", "SC-7(9)(b)", "SI-1(1)(c)",
#       "SI-3(8)(b)", "SI-4(2)", "SI-4(17)", "SI-4(20)", "SI-7(8)", "SI-10(1)(c)"]
#     GDPR: ["Article 32"]
package cspm.checks.gcp.sql.pg_pgaudit

import data.cspm.lib.gcp.sql

applies contains id if {
	some id, db in input.resources.google_sql_database_instance
	db.config.engine == "POSTGRES"
}

deny contains {"resource": id, "message": msg} if {
	some id in applies
	flags := input.resources.google_sql_database_instance[id].config.database_flags
	value := sql.effective(flags, "cloudsql.enable_pgaudit", "off")
	value != "on"
	msg := sprintf("cloudsql.enable_pgaudit is %s (want on)", [value])
}
