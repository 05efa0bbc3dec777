# METADATA
# title: Access Approval is enabled
# description: >-
#   With Access Approval, Google personnel must get an explicit approval from the
#   organization before they access the project's content; without it, support and
#   engineering access needs none.
# custom:
#   id: GCP-IAM-008
#   severity: LOW
#   resource_type: google_project
#   remediation: >-
#     Enable Access Transparency for the organization, then in Security > Access
#     Approval enroll the project (or its folder or organization) for all supported
#     services and name approvers.
#   compliance:
#     CIS_GCP_v4.0: ["2.15"]
#     PCI_DSS_v4.0: ["1.3.1", "1.3.2", "1.5.1", "7.2.1", "7.2.2", "7.2.5", "7.3.1", "7.3.3",
#       "8.2.8", "10.3.2", "A1.2.3"]
#     SOC2: ["CC1.3", "CC6.3"]
#     ISO_27001_2022: ["A.5.15", "A.8.2", "A.8.3"]
package cspm.checks.gcp.iam.access_approval

deny contains {"resource": id, "message": "Access Approval is not enabled for the project or an ancestor"} if {
	some id, project in input.resources.google_project
	project.config.access_approval.enabled == false
}
