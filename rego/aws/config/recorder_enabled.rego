# METADATA
# title: AWS Config records all resource types in every region
# description: >-
#   AWS Config keeps the configuration history that investigations and change reviews
#   rely on; a region without an active recorder of all resource types has blind spots.
# custom:
#   id: AWS-CONFIG-001
#   severity: MEDIUM
#   resource_type: aws_region_settings
#   remediation: >-
#     In each region, create a configuration recorder with allSupported=true and a
#     delivery channel (`aws configservice put-configuration-recorder`,
#     `put-delivery-channel`), then `aws configservice start-configuration-recorder`.
#   compliance:
#     CIS_AWS_v5.0: ["3.3"]
#     SOC2: ["CC2.1", "CC3.1", "CC3.4", "CC7.2", "CC8.1", "PI1.3"]
#     ISO_27001_2022: ["A.5.16", "A.5.22"]
#     GDPR: ["Article 25", "Article 30"]
package cspm.checks.aws.config.recorder_enabled

deny contains {"resource": id, "message": msg} if {
	some id, settings in input.resources.aws_region_settings
	count(settings.config.config_recorders) == 0
	msg := sprintf("no AWS Config recorder in %s", [settings.region])
}

deny contains {"resource": id, "message": msg} if {
	some id, settings in input.resources.aws_region_settings
	count(settings.config.config_recorders) > 0
	not has_healthy_recorder(id)
	some recorder in settings.config.config_recorders
	msg := sprintf("AWS Config recorder %q in %s is %s", [recorder.name, settings.region, problem(recorder)])
}

has_healthy_recorder(id) if {
	some recorder in input.resources.aws_region_settings[id].config.config_recorders
	recorder.recording == true
	recorder.all_supported == true
	recorder.last_status != "FAILURE"
}

problem(recorder) := "not recording" if recorder.recording != true

problem(recorder) := "not recording all resource types" if {
	recorder.recording == true
	recorder.all_supported != true
}

problem(recorder) := "failing to record" if {
	recorder.recording == true
	recorder.all_supported == true
	recorder.last_status == "FAILURE"
}
