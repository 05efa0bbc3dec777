package cspm.checks.gcp.dns.dnssec_enabled_test

import data.cspm.checks.gcp.dns.dnssec_enabled

zid := "//dns.googleapis.com/projects/p/managedZones/example"

zone(visibility, dnssec) := {"resources": {"google_dns_managed_zone": {zid: {
	"id": zid,
	"config": {"visibility": visibility, "dnssec": dnssec},
}}}}

test_pass_dnssec_on if {
	count(dnssec_enabled.deny) == 0 with input as zone("public", {"state": "on", "key_specs": []})
}

test_pass_private_zone_does_not_apply if {
	dnssec_enabled.applies == set() with input as zone("private", null)
}

test_fail_never_configured if {
	dnssec_enabled.deny == {{"resource": zid, "message": "DNSSEC is off"}} with input as zone("public", null)
}

test_fail_transfer_is_not_on if {
	count(dnssec_enabled.deny) == 1 with input as zone("public", {"state": "transfer", "key_specs": []})
}
