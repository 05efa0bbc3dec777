# METADATA
# title: DNSSEC is on for public Cloud DNS zones
# description: >-
#   Without DNSSEC, resolvers cannot tell a forged answer for the zone from a real one,
#   so DNS spoofing and cache poisoning can send users to an attacker's host.
# custom:
#   id: GCP-DNS-001
#   severity: MEDIUM
#   resource_type: google_dns_managed_zone
#   remediation: >-
#     Turn DNSSEC on (`gcloud dns managed-zones update ZONE --dnssec-state on`) and add the
#     DS record at the parent zone's registrar.
#   compliance:
#     CIS_GCP_v4.0: ["3.3"]
#     PCI_DSS_v4.0: ["5.3.4"]
#     SOC2: ["CC6.6", "CC6.7"]
package cspm.checks.gcp.dns.dnssec_enabled

applies contains id if {
	some id, zone in input.resources.google_dns_managed_zone
	zone.config.visibility == "public"
}

deny contains {"resource": id, "message": "DNSSEC is off"} if {
	some id in applies
	not input.resources.google_dns_managed_zone[id].config.dnssec.state == "on"
}
