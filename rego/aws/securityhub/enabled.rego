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
#     PCI_DSS_v4.0: ["10.2.1.1", "10.4.1", "10.4.1.1", "10.4.2", "10.6.3", "10.7.1", "10.7.2",
#       "A3.3.1", "A3.5.1"]
#     SOC2: ["CC3.1", "CC6.8", "CC7.1", "CC7.2", "CC7.3", "CC7.4"]
#     NIST_800_53_r5: ["AU-6(1)", "AU-6(5)", "AU-12(3)", "AU-14(a)", "AU-14(b)", "CA-2(d)", "CA-7",
#       "CA-7(b)", "PM-14(a)(1)", "PM-14(b)", "PM-31"]
#     ISO_27001_2022: ["A.5.1", "A.8.23"]
package cspm.checks.aws.securityhub.enabled

deny contains {"resource": id, "message": msg} if {
	some id, settings in input.resources.aws_region_settings
	not settings.config.security_hub_enabled
	msg := sprintf("Security Hub is not enabled in %s", [settings.region])
}
