# METADATA
# title: Nobody both administers and uses service accounts
# description: >-
#   A principal with Service Account Admin and Service Account User can create a service
#   account, grant it roles, and act as it: one person holds the whole chain.
# custom:
#   id: GCP-IAM-005
#   severity: MEDIUM
#   resource_type: google_project
#   remediation: >-
#     Give roles/iam.serviceAccountAdmin and roles/iam.serviceAccountUser to different
#     principals; remove one of the two from each principal that holds both.
#   compliance:
#     CIS_GCP_v4.0: ["1.8"]
#     PCI_DSS_v4.0: ["7.2.2"]
#     SOC2: ["CC6.3"]
package cspm.checks.gcp.iam.sa_separation_of_duties

import data.cspm.lib.gcp.iam

deny contains {"resource": id, "message": msg} if {
	some id, project in input.resources.google_project
	bindings := project.config.iam_bindings
	both := {m |
		some m in iam.members_of(bindings)
		roles := iam.roles_of(bindings, m)
		"roles/iam.serviceAccountAdmin" in roles
		"roles/iam.serviceAccountUser" in roles
	}
	count(both) > 0
	msg := sprintf("both Service Account Admin and User: %s", [concat(", ", sort(both))])
}
