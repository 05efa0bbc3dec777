# METADATA
# title: Service accounts hold no administrative roles on the project
# description: >-
#   A service account with Owner, Editor or an *Admin role turns any workload that runs
#   as it, or anyone who can act as it, into a project administrator. Google's own
#   service agents are left out: Google sets their roles.
# custom:
#   id: GCP-IAM-002
#   severity: HIGH
#   resource_type: google_project
#   remediation: >-
#     Replace the administrative role with the narrow predefined or custom roles the
#     workload needs (`gcloud projects remove-iam-policy-binding PROJECT
#     --member serviceAccount:EMAIL --role ROLE`, then add the narrow role).
#   compliance:
#     CIS_GCP_v4.0: ["1.5"]
#     PCI_DSS_v4.0: ["7.2.1", "7.2.2"]
#     SOC2: ["CC6.1", "CC6.3"]
package cspm.checks.gcp.iam.sa_no_admin_roles

import data.cspm.lib.gcp.iam

deny contains {"resource": id, "message": msg} if {
	some id, project in input.resources.google_project
	grants := {sprintf("%s has %s", [m, b.role]) |
		some b in project.config.iam_bindings
		iam.is_admin_role(b.role)
		some m in b.members
		iam.is_user_managed_service_account(m)
	}
	count(grants) > 0
	msg := sprintf("service accounts with administrative roles: %s", [concat("; ", sort(grants))])
}
