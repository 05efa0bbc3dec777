package cspm.checks.gcp.dns.rsasha1_zone_signing_test

import data.cspm.checks.gcp.dns.rsasha1_zone_signing

zid := "//dns.googleapis.com/projects/p/managedZones/example"

zone(state, algorithm) := {"resources": {"google_dns_managed_zone": {zid: {"id": zid, "config": {"dnssec": {
	"state": state,
	"key_specs": [
		{"key_type": "keySigning", "algorithm": algorithm},
		{"key_type": "zoneSigning", "algorithm": algorithm},
	],
}}}}}}

test_pass_rsasha256 if {
	count(rsasha1_zone_signing.deny) == 0 with input as zone("on", "rsasha256")
}

test_pass_dnssec_off if {
	count(rsasha1_zone_signing.deny) == 0 with input as zone("off", "rsasha1")
}

test_fail_rsasha1 if {
	rsasha1_zone_signing.deny == {{"resource": zid, "message": "zone-signing key uses RSASHA1"}} with input as zone("on", "rsasha1")
}
