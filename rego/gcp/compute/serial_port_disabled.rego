# METADATA
# title: Interactive serial port access is off
# description: >-
#   The serial console accepts connections from any IP address and bypasses the VM's
#   firewall rules; only an SSH key and the console's own login stand in the way.
# custom:
#   id: GCP-COMPUTE-005
#   severity: MEDIUM
#   resource_type: google_compute_instance
#   remediation: >-
#     `gcloud compute instances add-metadata VM --metadata serial-port-enable=FALSE`, or
#     remove the key (and keep it out of the project metadata).
#   compliance:
#     CIS_GCP_v4.0: ["4.5"]
#     PCI_DSS_v4.0: ["2.2.5"]
#     SOC2: ["CC6.6"]
package cspm.checks.gcp.compute.serial_port_disabled

deny contains {"resource": id, "message": "serial-port-enable is TRUE"} if {
	some id, vm in input.resources.google_compute_instance
	vm.config.metadata.serial_port_enable == true
}
