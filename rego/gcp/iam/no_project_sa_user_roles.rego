# METADATA
# title: Nobody holds Service Account User or Token Creator on the whole project
# description: >-
#   Granted on the project, these roles let a principal act as every service account in
#   it, present and future, and so take on all of their permissions. Grant them on the
#   one service account that is needed instead.
# custom:
#   id: GCP-IAM-003
#   severity: HIGH
#   resource_type: google_project
#   remediation: >-
#     Remove the project-level bindings of roles/iam.serviceAccountUser and
#     roles/iam.serviceAccountTokenCreator and grant them on individual service accounts
#     (`gcloud iam service-accounts add-iam-policy-binding EMAIL --member ... --role ...`).
#   compliance:
#     CIS_GCP_v4.0: ["1.6"]
#     PCI_DSS_v4.0: ["1.5.1", "7.2.1", "7.2.2", "7.2.5", "7.3.1", "7.3.2", "7.3.3", "8.2.2",
#       "8.2.7", "8.2.8", "8.3.4"]
#     SOC2: ["CC1.3", "CC6.3"]
#     ISO_27001_2022: ["A.5.3", "A.5.15", "A.8.2"]
package cspm.checks.gcp.iam.no_project_sa_user_roles

impersonation_roles := {"roles/iam.serviceAccountUser", "roles/iam.serviceAccountTokenCreator"}

deny contains {"resource": id, "message": msg} if {
	some id, project in input.resources.google_project
	grants := {sprintf("%s to %s", [b.role, m]) |
		some b in project.config.iam_bindings
		b.role in impersonation_roles
		some m in b.members
	}
	count(grants) > 0
	msg := sprintf("project-level service account impersonation: %s", [concat("; ", sort(grants))])
}
