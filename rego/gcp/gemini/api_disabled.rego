# METADATA
# title: Gemini for Google Cloud is not enabled without approval
# description: >-
#   With the Gemini for Google Cloud API (cloudaicompanion.googleapis.com) on, users of
#   the project can send prompts, code and resource context to Google's generative AI
#   service. That is a new third-party processing of the project's data, to be assessed
#   and approved before it is enabled, not turned on per project.
# custom:
#   id: GCP-GEMINI-001
#   severity: LOW
#   resource_type: google_project
#   remediation: >-
#     Disable the API where its use is not approved (gcloud services disable
#     cloudaicompanion.googleapis.com --project PROJECT), or waive the check for projects
#     where the assessment approved it.
#   compliance:
#     PCI_DSS_v4.0: ["12.8.3", "12.8.4", "12.9.1"]
#     SOC2: ["CC3.2", "CC7.1", "CC9.2"]
#     ISO_27001_2022: ["A.5.19", "A.5.21", "A.5.22", "A.5.23"]
package cspm.checks.gcp.gemini.api_disabled

deny contains {"resource": id, "message": "cloudaicompanion.googleapis.com (Gemini for Google Cloud) is enabled"} if {
	some id, project in input.resources.google_project
	"cloudaicompanion.googleapis.com" in project.config.enabled_services
}
