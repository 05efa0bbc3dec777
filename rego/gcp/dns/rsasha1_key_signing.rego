# METADATA
# title: DNSSEC key-signing keys do not use RSASHA1
# description: >-
#   RSASHA1 relies on SHA-1, whose collision resistance is broken; signatures made with it
#   give weaker assurance than the RSASHA256, RSASHA512 or ECDSA algorithms. Applies to
#   zones with DNSSEC on or in transfer.
# custom:
#   id: GCP-DNS-002
#   severity: MEDIUM
#   resource_type: google_dns_managed_zone
#   remediation: >-
#     Turn DNSSEC off, change the default key-signing key algorithm
#     (`gcloud dns managed-zones update ZONE --dnssec-state off`, then `--dnssec-state on
#     --ksk-algorithm rsasha256`), and update the DS record.
#   compliance:
#     CIS_GCP_v4.0: ["3.4"]
#     SOC2: ["CC6.1", "CC6.7"]
package cspm.checks.gcp.dns.rsasha1_key_signing

deny contains {"resource": id, "message": "key-signing key uses RSASHA1"} if {
	some id, zone in input.resources.google_dns_managed_zone
	zone.config.dnssec.state in {"on", "transfer"}
	some spec in zone.config.dnssec.key_specs
	spec.key_type == "keySigning"
	spec.algorithm == "rsasha1"
}
