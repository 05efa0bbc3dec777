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
#     PCI_DSS_v4.0: ["1.5.1", "7.2.1", "7.2.2", "7.2.3", "7.2.5", "7.3.1", "7.3.2", "7.3.3",
#       "8.2.1", "8.2.2", "8.2.5", "8.2.7", "8.2.8", "8.3.4"]
#     SOC2: ["CC1.3", "CC6.1", "CC6.3"]
#     NIST_800_53_r5: ["AC-2(1)", "AC-2(6)", "AC-2(i)(2)", "AC-3", "AC-3(3)", "AC-3(3)(a)",
#       "AC-3(3)(b)(1)", "AC-3(3)(b)(2)", "AC-3(3)(b)(3)", "AC-3(3)(b)(4)", "AC-3(3)(b)(5)",
#       "AC-3(3)(c)", "AC-3(4)", "AC-3(4)(a)", "AC-3(4)(b)", "AC-3(4)(c)", "AC-3(4)(d)",
#       "AC-3(4)(e)", "AC-3(7)", "AC-3(8)", "AC-3(12)(a)", "AC-3(13)", "AC-3(15)(a)", "AC-3(15)(b)",
#       "AC-4(28)", "AC-5(b)", "AC-6", "AC-6(2)", "AC-6(3)", "AC-6(10)", "AC-24", "CM-5(1)(a)",
#       "CM-6(a)", "CM-9(b)", "MP-2", "SC-23(3)", "SC-25"]
#     ISO_27001_2022: ["A.5.15", "A.5.18", "A.8.2", "A.8.3"]
#     GDPR: ["Article 25"]
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
