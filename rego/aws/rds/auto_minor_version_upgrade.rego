# METADATA
# title: RDS DB instances apply minor engine upgrades automatically
# description: >-
#   Minor versions carry security fixes; without automatic minor version upgrade they
#   wait for someone to remember.
# custom:
#   id: AWS-RDS-002
#   severity: LOW
#   resource_type: aws_db_instance
#   remediation: >-
#     Run `aws rds modify-db-instance --db-instance-identifier <id>
#     --auto-minor-version-upgrade --apply-immediately` and make sure the maintenance
#     window suits the workload.
#   compliance:
#     CIS_AWS_v5.0: ["2.2.2"]
#     PCI_DSS_v4.0: ["6.3.3"]
#     SOC2: ["CC7.1"]
package cspm.checks.aws.rds.auto_minor_version_upgrade

deny contains {"resource": id, "message": msg} if {
	some id, db in input.resources.aws_db_instance
	not db.config.auto_minor_version_upgrade
	msg := sprintf("automatic minor version upgrade is off (%s %s)", [db.config.engine, db.config.engine_version])
}
