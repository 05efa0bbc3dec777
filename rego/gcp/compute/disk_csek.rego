# METADATA
# title: Disks are encrypted with customer-supplied keys
# description: >-
#   With a customer-supplied encryption key (CSEK) Google holds the key only while the
#   disk is in use, so a disk snapshot or image is unreadable without it. CIS asks this of
#   critical VMs (Level 2); waive the disks of VMs that are not.
# custom:
#   id: GCP-COMPUTE-007
#   severity: LOW
#   resource_type: google_compute_disk
#   remediation: >-
#     CSEK is set at creation: create a new disk from a snapshot with --csek-key-file and
#     swap it in.
#   compliance:
#     CIS_GCP_v4.0: ["4.7"]
#     PCI_DSS_v4.0: ["3.5.1", "3.6.1", "8.3.2", "10.3.2", "10.3.4"]
#     SOC2: ["CC6.1", "C1.1", "PI1.5"]
#     NIST_800_53_r5: ["AU-9(3)", "CM-6(a)", "CM-9(b)", "CP-9(d)", "SC-8(3)", "SC-8(4)", "SC-13(a)",
#       "SC-28(1)", "SI-19(4)"]
#     ISO_27001_2022: ["A.8.11", "A.8.12", "A.8.14"]
#     GDPR: ["Article 32"]
package cspm.checks.gcp.compute.disk_csek

deny contains {"resource": id, "message": msg} if {
	some id, disk in input.resources.google_compute_disk
	disk.config.encryption != "CSEK"
	msg := sprintf("disk is encrypted with a %s key, not a customer-supplied one", [disk.config.encryption])
}
