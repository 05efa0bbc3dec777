# METADATA
# title: GuardDuty is enabled in every region
# description: >-
#   GuardDuty watches CloudTrail, VPC flow and DNS logs for signs of compromise such as
#   credential exfiltration or crypto-mining; a region without a detector is unwatched.
# custom:
#   id: AWS-GUARDDUTY-001
#   severity: MEDIUM
#   resource_type: aws_region_settings
#   remediation: >-
#     `aws guardduty create-detector --enable` in each region (or enable it for the whole
#     organization from the delegated administrator account).
#   compliance:
#     PCI_DSS_v4.0: ["11.5.1"]
#     SOC2: ["CC7.2"]
package cspm.checks.aws.guardduty.enabled

deny contains {"resource": id, "message": msg} if {
	some id, settings in input.resources.aws_region_settings
	not enabled(settings.config.guardduty_detectors)
	msg := sprintf("no enabled GuardDuty detector in %s", [settings.region])
}

enabled(detectors) if {
	some detector in detectors
	detector.status == "ENABLED"
}
