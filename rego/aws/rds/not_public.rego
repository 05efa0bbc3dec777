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
#     PCI_DSS_v4.0: ["1.2.8", "1.3.1", "1.3.2", "1.4.2", "1.5.1", "3.5.1.3", "10.3.2", "A1.1.2",
#       "A1.1.3", "A3.4.1"]
#     SOC2: ["CC6.2", "CC6.6"]
#     NIST_800_53_r5: ["AC-2(6)", "AC-3", "AC-3(7)", "AC-4(21)", "AC-6", "AC-17(b)", "AC-17(1)",
#       "AC-17(4)(a)", "AC-17(9)", "AC-17(10)", "MP-2", "SC-7(2)", "SC-7(3)", "SC-7(7)",
#       "SC-7(9)(a)", "SC-7(11)", "SC-7(12)", "SC-7(16)", "SC-7(20)", "SC-7(21)", "SC-7(24)(b)",
#       "SC-7(25)", "SC-7(26)", "SC-7(27)", "SC-7(28)", "SC-7(a)", "SC-7(b)", "SC-7(c)", "SC-25"]
#     ISO_27001_2022: ["A.8.1"]
package cspm.checks.aws.rds.not_public

deny contains {"resource": id, "message": "DB instance is publicly accessible"} if {
	some id, db in input.resources.aws_db_instance
	db.config.publicly_accessible == true
}
