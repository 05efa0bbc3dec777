# METADATA
# title: IAM Access Analyzer for external access is enabled in every region
# description: >-
#   An active external-access analyzer reports resources (buckets, keys, roles, ...)
#   shared outside the account or organization; it works per region.
# custom:
#   id: AWS-IAM-013
#   severity: LOW
#   resource_type: aws_region_settings
#   remediation: >-
#     In each region, run `aws accessanalyzer create-analyzer --analyzer-name external
#     --type ACCOUNT` (or ORGANIZATION from the delegated administrator account).
#   compliance:
#     CIS_AWS_v5.0: ["1.19"]
#     SOC2: ["CC6.1"]
#     ISO_27001_2022: ["A.8.3"]
package cspm.checks.aws.iam.access_analyzer

external_types := {"ACCOUNT", "ORGANIZATION"}

deny contains {"resource": id, "message": msg} if {
	some id, settings in input.resources.aws_region_settings
	not has_active_external_analyzer(id)
	msg := sprintf("no active external-access analyzer in %s", [settings.region])
}

has_active_external_analyzer(id) if {
	some analyzer in input.resources.aws_region_settings[id].config.access_analyzers
	analyzer.type in external_types
	analyzer.status == "ACTIVE"
}
