# METADATA
# title: Nobody both administers Cloud KMS and uses its keys
# description: >-
#   A Cloud KMS Admin who can also encrypt or decrypt needs nobody else to change a key's
#   policy and read the data it protects.
# custom:
#   id: GCP-IAM-006
#   severity: MEDIUM
#   resource_type: google_project
#   remediation: >-
#     Keep roles/cloudkms.admin apart from roles/cloudkms.cryptoKeyEncrypterDecrypter,
#     cryptoKeyEncrypter and cryptoKeyDecrypter: remove one side from each principal
#     that holds both.
#   compliance:
#     CIS_GCP_v4.0: ["1.11"]
#     PCI_DSS_v4.0: ["3.5.1.1", "3.5.1.3", "3.6.1", "3.6.1.2", "3.6.1.3", "3.6.1.4", "3.7.1",
#       "3.7.2", "3.7.4", "3.7.6", "3.7.7", "4.2.1.1", "7.2.1", "7.2.2", "7.2.3", "7.2.5", "7.3.1",
#       "7.3.2", "7.3.3", "8.2.7", "8.2.8", "8.3.4"]
#     SOC2: ["CC1.3", "CC6.3"]
#     ISO_27001_2022: ["A.5.3", "A.5.15", "A.8.2"]
package cspm.checks.gcp.iam.kms_separation_of_duties

import data.cspm.lib.gcp.iam

crypto_roles := {
	"roles/cloudkms.cryptoKeyEncrypterDecrypter",
	"roles/cloudkms.cryptoKeyEncrypter",
	"roles/cloudkms.cryptoKeyDecrypter",
}

deny contains {"resource": id, "message": msg} if {
	some id, project in input.resources.google_project
	bindings := project.config.iam_bindings
	both := {m |
		some m in iam.members_of(bindings)
		roles := iam.roles_of(bindings, m)
		"roles/cloudkms.admin" in roles
		count(roles & crypto_roles) > 0
	}
	count(both) > 0
	msg := sprintf("both Cloud KMS Admin and a key-use role: %s", [concat(", ", sort(both))])
}
