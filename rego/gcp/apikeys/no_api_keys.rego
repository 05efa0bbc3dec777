# METADATA
# title: Projects keep no API keys unless a service needs them
# description: >-
#   An API key is a bearer secret that identifies a project, not a person; it leaks with
#   the code or page that carries it. Each key found is a finding to confirm or delete.
# custom:
#   id: GCP-APIKEYS-001
#   severity: LOW
#   resource_type: google_project
#   remediation: >-
#     Delete keys no active service uses (`gcloud services api-keys delete KEY_ID`) and
#     prefer service accounts or OAuth for the rest.
#   compliance:
#     CIS_GCP_v4.0: ["1.12"]
#     PCI_DSS_v4.0: ["8.6.3"]
#     SOC2: ["CC6.1"]
package cspm.checks.gcp.apikeys.no_api_keys

deny contains {"resource": id, "message": msg} if {
	some id, _ in input.resources.google_project
	names := sort([k.config.display_name | some k in input.resources.google_apikeys_key])
	count(names) > 0
	msg := sprintf("project has %d API key(s): %s", [count(names), concat(", ", names)])
}
