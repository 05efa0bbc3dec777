# METADATA
# title: An Azure Bastion host exists in the subscription
# description: >-
#   Azure Bastion gives RDP and SSH to virtual machines over TLS from the portal, so
#   machines need no public IP addresses or internet-facing management ports.
# custom:
#   id: AZURE-NETWORK-008
#   severity: LOW
#   resource_type: azurerm_subscription
#   remediation: >-
#     Deploy an Azure Bastion host (az network bastion create) in the virtual networks
#     that hold virtual machines, and remove direct RDP/SSH exposure.
#   compliance:
#     CIS_Azure_v4.0: ["9.4.1"]
#     PCI_DSS_v4.0: ["1.4.1"]
#     SOC2: ["CC6.6"]
#     ISO_27001_2022: ["A.8.14", "A.8.20", "A.8.21", "A.8.22"]
package cspm.checks.azure.network.bastion_host

deny contains {"resource": id, "message": "the subscription has no Azure Bastion host"} if {
	some id, _ in input.resources.azurerm_subscription
	not has_bastion
}

has_bastion if {
	some _, host in input.resources.azurerm_bastion_host
	host.config.provisioning_state == "Succeeded"
}
