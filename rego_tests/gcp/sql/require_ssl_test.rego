package cspm.checks.gcp.sql.require_ssl_test

import data.cspm.checks.gcp.sql.require_ssl

iid := "//cloudsql.googleapis.com/projects/p/instances/db"

db(ip) := {"resources": {"google_sql_database_instance": {iid: {"id": iid, "config": {"ip_configuration": ip}}}}}

test_pass_encrypted_only if {
	count(require_ssl.deny) == 0 with input as db({"ssl_mode": "ENCRYPTED_ONLY", "require_ssl": false})
}

test_pass_client_certificates if {
	count(require_ssl.deny) == 0 with input as db({"ssl_mode": "TRUSTED_CLIENT_CERTIFICATE_REQUIRED", "require_ssl": true})
}

test_pass_legacy_require_ssl if {
	count(require_ssl.deny) == 0 with input as db({"ssl_mode": null, "require_ssl": true})
}

test_fail_allows_unencrypted if {
	require_ssl.deny == {{"resource": iid, "message": "instance accepts unencrypted connections"}} with input as db({"ssl_mode": "ALLOW_UNENCRYPTED_AND_ENCRYPTED", "require_ssl": false})
}

test_fail_legacy_no_ssl if {
	count(require_ssl.deny) == 1 with input as db({"ssl_mode": null, "require_ssl": false})
}
