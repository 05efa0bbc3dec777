# METADATA
# title: Essential Contacts cover the security-relevant notification categories
# description: >-
#   Google sends notices of security incidents, suspensions, legal matters and technical
#   problems to Essential Contacts; without them the notices reach whoever happens to
#   hold a role, or nobody. Contacts set on the project, its folders or its organization
#   count (the organization's are listed only when the scan may read them).
# custom:
#   id: GCP-IAM-007
#   severity: LOW
#   resource_type: google_project
#   remediation: >-
#     Add contacts on the organization for the ALL category, or for LEGAL, SECURITY,
#     SUSPENSION, TECHNICAL and TECHNICAL_INCIDENTS (`gcloud essential-contacts create
#     --organization ORG --email ... --notification-categories ...`).
#   compliance:
#     CIS_GCP_v4.0: ["1.16"]
#     PCI_DSS_v4.0: ["12.10.5"]
#     SOC2: ["CC1.3", "CC7.3", "CC7.4"]
#     ISO_27001_2022: ["A.5.5", "A.5.6"]
package cspm.checks.gcp.iam.essential_contacts

required := {"LEGAL", "SECURITY", "SUSPENSION", "TECHNICAL", "TECHNICAL_INCIDENTS"}

deny contains {"resource": id, "message": msg} if {
	some id, project in input.resources.google_project
	covered := {c | some contact in project.config.essential_contacts; some c in contact.categories}
	not "ALL" in covered
	missing := required - covered
	count(missing) > 0
	msg := sprintf("no Essential Contact for: %s", [concat(", ", sort(missing))])
}
