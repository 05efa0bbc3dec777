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
#     SOC2: ["CC7.1"]
package cspm.checks.gcp.logging.asset_inventory

deny contains {"resource": id, "message": "cloudasset.googleapis.com is not enabled"} if {
	some id, project in input.resources.google_project
	not "cloudasset.googleapis.com" in project.config.enabled_services
}
