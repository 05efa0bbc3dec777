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
#     PCI_DSS_v4.0: ["11.5.1", "11.5.1.1"]
#     SOC2: ["CC3.1", "CC3.2", "CC4.2", "CC6.8", "CC7.1", "CC7.2", "CC7.3", "CC7.4"]
#     NIST_800_53_r5: ["AC-2(12)(a)", "AC-3(12)(b)", "AU-3(1)", "AU-6(1)", "AU-6(5)", "AU-12(3)",
#       "AU-14(a)", "AU-14(b)", "CA-2(d)", "CA-7", "CA-7(b)", "CM-8(3)(a)", "PE-6(2)", "PE-6(4)",
#       "PM-14(a)(1)", "PM-14(b)", "PM-16", "PM-31", "RA-1(a)", "RA-1(a)(1)", "RA-1(a)(2)",
#       "RA-3(4)", "RA-3(a)(1)", "RA-5(a)", "RA-5(4)", "RA-10(a)", "RA-10(a)(1)", "RA-10(a)(2)",
#       "SC-5(1)", "SC-5(3)(a)", "SC-5(3)(b)", "SC-5(a)", "SC-5(b)", "SC-43(b)", "SI-3(8)(a)",
#       "SI-4(a)", "SI-4(a)(1)", "SI-4(a)(2)", "SI-4(b)", "SI-4(c)", "SI-4(1)", "SI-4(2)",
#       "SI-4(3)", "SI-4(4)(a)", "SI-4(4)(b)", "SI-4(10)", "SI-4(13)(a)", "SI-4(14)", "SI-4(23)",
#       "SI-4(25)", "SI-5(1)", "SI-5(b)"]
#     ISO_27001_2022: ["A.5.7", "A.5.19", "A.5.21", "A.5.25", "A.5.28", "A.5.29", "A.8.7", "A.8.9"]
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
