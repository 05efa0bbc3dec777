# METADATA
# title: API keys are restricted to the APIs they are for
# description: >-
#   An API key without API restrictions (or restricted to cloudapis.googleapis.com, which
#   means every Google API) can call any API enabled in the project.
# custom:
#   id: GCP-APIKEYS-002
#   severity: MEDIUM
#   resource_type: google_apikeys_key
#   remediation: >-
#     Restrict the key to the APIs its application calls (`gcloud services api-keys update
#     KEY_ID --api-target=service=SERVICE`).
#   compliance:
#     CIS_GCP_v4.0: ["1.14"]
#     PCI_DSS_v4.0: ["7.2.2", "10.2.1.2"]
#     SOC2: ["CC6.1"]
#     ISO_27001_2022: ["A.8.12"]
package cspm.checks.gcp.apikeys.api_restrictions

deny contains {"resource": id, "message": "API key may call any enabled API"} if {
	some id, key in input.resources.google_apikeys_key
	count(key.config.api_targets) == 0
}

deny contains {"resource": id, "message": "API key is restricted to cloudapis.googleapis.com, which is every Google API"} if {
	some id, key in input.resources.google_apikeys_key
	"cloudapis.googleapis.com" in key.config.api_targets
}
