# METADATA
# title: Cloud Asset Inventory is enabled in the project
# description: >-
#   Cloud Asset Inventory keeps five weeks of resource and IAM policy history, which is
#   how an investigation finds out what changed and when. The API must be enabled in each
#   project.
# custom:
#   id: GCP-LOGGING-013
#   severity: LOW
#   resource_type: google_project
#   remediation: Enable the API (`gcloud services enable cloudasset.googleapis.com --project PROJECT`).
#   compliance:
#     CIS_GCP_v4.0: ["2.13"]
#     SOC2: ["CC1.3", "CC3.4", "CC4.2", "CC6.8", "CC7.1", "CC7.3", "CC8.1"]
#     ISO_27001_2022: ["A.5.1", "A.5.9", "A.5.19", "A.5.21", "A.5.25", "A.5.28", "A.5.29", "A.8.7",
#       "A.8.9"]
#     GDPR: ["Article 25", "Article 30"]
package cspm.checks.gcp.logging.asset_inventory

deny contains {"resource": id, "message": "cloudasset.googleapis.com is not enabled"} if {
	some id, project in input.resources.google_project
	not "cloudasset.googleapis.com" in project.config.enabled_services
}
