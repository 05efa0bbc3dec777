# METADATA
# title: PostgreSQL instances log DDL statements
# description: >-
#   With log_statement set to ddl, every CREATE, ALTER and DROP is logged, so schema
#   changes (including dropped tables and new roles) leave a trail; CIS recommends ddl.
# custom:
#   id: GCP-SQL-010
#   severity: LOW
#   resource_type: google_sql_database_instance
#   remediation: >-
#     Set the flag: `gcloud sql instances patch INSTANCE --database-flags
#     "log_statement=ddl"` (the command replaces the whole flag list: repeat the flags
#     already set).
#   compliance:
#     CIS_GCP_v4.0: ["6.2.4"]
#     PCI_DSS_v4.0: ["5.3.4", "10.2.1", "10.2.1.1", "10.2.1.2", "10.2.1.4", "10.2.1.5", "10.2.1.6",
#       "10.6.3"]
#     SOC2: ["CC7.2", "CC7.3", "A1.2", "PI1.3"]
#     NIST_800_53_r5: ["AC-2(4)", "AC-3(1)", "AC-3(10)", "AC-4(26)", "AC-6(9)", "AU-2(b)",
#       "AU-3(a)", "AU-3(b)", "AU-3(c)", "AU-3(d)", "AU-3(e)", "AU-3(f)", "AU-6(3)", "AU-6(4)",
#       "AU-6(6)", "AU-6(9)", "AU-8(b)", "AU-10", "AU-12(a)", "AU-12(c)", "AU-12(1)", "AU-12(2)",
#       "AU-12(3)", "AU-12(4)", "AU-14(a)", "AU-14(b)", "AU-14(3)", "CA-7(b)", "CM-5(1)(b)",
#       "IA-3(3)(b)", "MA-4(1)(a)", "PM-14(a)(1)", "PM-14(b)", "PM-31", "SC-7(9)(b)", "SI-1(1)(c)",
#       "SI-3(8)(b)", "SI-4(2)", "SI-4(17)", "SI-4(20)", "SI-7(8)", "SI-10(1)(c)"]
#     ISO_27001_2022: ["A.8.16"]
#     GDPR: ["Article 32"]
package cspm.checks.gcp.sql.pg_log_statement

import data.cspm.lib.gcp.sql

applies contains id if {
	some id, db in input.resources.google_sql_database_instance
	db.config.engine == "POSTGRES"
}

deny contains {"resource": id, "message": msg} if {
	some id in applies
	flags := input.resources.google_sql_database_instance[id].config.database_flags
	value := sql.effective(flags, "log_statement", "none")
	value != "ddl"
	msg := sprintf("log_statement is %s (want ddl)", [value])
}
