package cspm.checks.azure.defender.container_image_scanning_test

import data.cspm.checks.azure.defender.container_image_scanning
import data.cspm.test.azure as fx

plan(name, tier, extensions) := {"name": name, "pricing_tier": tier, "sub_plan": null, "enabled_extensions": extensions}

plans(list) := fx.with_subscription({"defender_plans": list}, {})

test_pass_containers_plan_with_extension if {
	count(container_image_scanning.deny) == 0 with input as plans([plan("Containers", "Standard", ["ContainerRegistriesVulnerabilityAssessments", "ContainerSensor"])])
}

test_pass_cspm_plan_with_extension if {
	count(container_image_scanning.deny) == 0 with input as plans([
		plan("Containers", "Free", []),
		plan("CloudPosture", "Standard", ["ContainerRegistriesVulnerabilityAssessments"]),
	])
}

test_fail_extension_off if {
	container_image_scanning.deny == {{
		"resource": fx.subscription_id,
		"message": "no Defender plan assesses container registry images for vulnerabilities",
	}} with input as plans([plan("Containers", "Standard", ["ContainerSensor"])])
}

test_fail_plan_free if {
	count(container_image_scanning.deny) == 1 with input as plans([plan("Containers", "Free", ["ContainerRegistriesVulnerabilityAssessments"])])
}
