# METADATA
# title: Defender scans container registry images for vulnerabilities
# description: >-
#   Defender for Containers (or Defender CSPM) assesses the images in Azure Container
#   Registry for known vulnerabilities only while its ContainerRegistriesVulnerability
#   Assessments extension is on. Without it, images with known CVEs are pushed and
#   deployed without a finding.
# custom:
#   id: AZURE-DEFENDER-017
#   severity: MEDIUM
#   resource_type: azurerm_subscription
#   remediation: >-
#     In Defender for Cloud's environment settings, turn on the Containers plan and its
#     'Agentless container vulnerability assessment' component (az security pricing create
#     -n Containers --tier standard --extensions
#     name=ContainerRegistriesVulnerabilityAssessments isEnabled=True).
#   compliance:
#     PCI_DSS_v4.0: ["11.3.1", "11.3.1.2", "11.3.1.3"]
#     SOC2: ["CC3.2", "CC4.2", "CC6.8", "CC7.1"]
#     ISO_27001_2022: ["A.5.19", "A.5.21", "A.5.25", "A.5.28", "A.5.29", "A.8.7", "A.8.8", "A.8.9"]
package cspm.checks.azure.defender.container_image_scanning

extension := "ContainerRegistriesVulnerabilityAssessments"

# Both plans carry the registry vulnerability assessment component.
plans := {"containers", "cloudposture"}

deny contains {"resource": id, "message": "no Defender plan assesses container registry images for vulnerabilities"} if {
	some id, subscription in input.resources.azurerm_subscription
	not scans_images(subscription.config.defender_plans)
}

scans_images(defender_plans) if {
	some plan in defender_plans
	lower(plan.name) in plans
	plan.pricing_tier == "Standard"
	extension in plan.enabled_extensions
}
