# METADATA
# title: RDS DB instances are not publicly accessible
# description: >-
#   A publicly accessible instance gets a public DNS name and address, so only its
#   security group stands between the database and the internet.
# custom:
#   id: AWS-RDS-003
#   severity: HIGH
#   resource_type: aws_db_instance
#   remediation: >-
#     Run `aws rds modify-db-instance --db-instance-identifier <id>
#     --no-publicly-accessible --apply-immediately`, keep the instance in private
#     subnets, and reach it through the application tier, a VPN or a bastion.
#   compliance:
#     CIS_AWS_v5.0: ["2.2.3"]
#     PCI_DSS_v4.0: ["1.3.1", "1.4.2"]
#     SOC2: ["CC6.6"]
package cspm.checks.aws.rds.not_public

deny contains {"resource": id, "message": "DB instance is publicly accessible"} if {
	some id, db in input.resources.aws_db_instance
	db.config.publicly_accessible == true
}
