# METADATA
# title: AWS Security Hub is enabled in every region
# description: >-
#   Security Hub gathers findings from GuardDuty, Inspector, Macie, Config and partner
#   tools and runs its own standards; it must be enabled region by region.
# custom:
#   id: AWS-SECURITYHUB-001
#   severity: MEDIUM
#   resource_type: aws_region_settings
#   remediation: >-
#     Run `aws securityhub enable-security-hub --enable-default-standards` in each region,
#     or enable it organization-wide from the delegated administrator with central
#     configuration.
#   compliance:
#     CIS_AWS_v5.0: ["4.16"]
#     SOC2: ["CC7.2"]
package cspm.checks.aws.securityhub.enabled

deny contains {"resource": id, "message": msg} if {
	some id, settings in input.resources.aws_region_settings
	not settings.config.security_hub_enabled
	msg := sprintf("Security Hub is not enabled in %s", [settings.region])
}
