package cspm.checks.gcp.iam.kms_separation_of_duties_test

import data.cspm.checks.gcp.iam.kms_separation_of_duties

pid := "//cloudresourcemanager.googleapis.com/projects/1"

project(bindings) := {"resources": {"google_project": {pid: {
	"id": pid,
	"type": "google_project",
	"config": {"iam_bindings": bindings},
}}}}

test_pass_admin_does_not_use_keys if {
	count(kms_separation_of_duties.deny) == 0 with input as project([
		{"role": "roles/cloudkms.admin", "members": ["group:kms-admins@example.com"]},
		{"role": "roles/cloudkms.cryptoKeyEncrypterDecrypter", "members": ["serviceAccount:app@p.iam.gserviceaccount.com"]},
	])
}

test_fail_admin_can_decrypt if {
	kms_separation_of_duties.deny == {{
		"resource": pid,
		"message": "both Cloud KMS Admin and a key-use role: user:carol@example.com",
	}} with input as project([
		{"role": "roles/cloudkms.admin", "members": ["user:carol@example.com"]},
		{"role": "roles/cloudkms.cryptoKeyDecrypter", "members": ["user:carol@example.com"]},
	])
}
