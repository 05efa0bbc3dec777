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
#     PCI_DSS_v4.0: ["7.2.1", "7.2.2", "7.2.5", "7.3.1", "7.3.3", "8.2.7", "8.3.4"]
#     SOC2: ["CC1.3", "CC6.3"]
#     ISO_27001_2022: ["A.5.3", "A.5.15", "A.5.18", "A.8.2"]
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
