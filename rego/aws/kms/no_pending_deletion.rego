# METADATA
# title: No customer managed KMS key is scheduled for deletion
# description: >-
#   Deleting a KMS key destroys every piece of data encrypted under it beyond recovery.
#   A key in PendingDeletion is a deletion already under way; it should be cancelled
#   unless someone has confirmed that nothing encrypted with the key is still needed.
# custom:
#   id: AWS-KMS-002
#   severity: HIGH
#   resource_type: aws_kms_key
#   remediation: >-
#     If the key is still needed, run `aws kms cancel-key-deletion --key-id <key-id>` and
#     then `aws kms enable-key --key-id <key-id>`. If it really is retired, record who
#     confirmed that no data depends on it before the waiting period ends.
#   compliance:
#     PCI_DSS_v4.0: ["3.5.1.1", "3.5.1.3", "3.6.1", "3.6.1.2", "3.6.1.3", "3.6.1.4", "3.7.1",
#       "3.7.2", "3.7.4", "3.7.6", "3.7.7", "4.2.1.1"]
#     ISO_27001_2022: ["A.8.11", "A.8.24"]
package cspm.checks.aws.kms.no_pending_deletion

pending_states := {"PendingDeletion", "PendingReplicaDeletion"}

deny contains {"resource": id, "message": msg} if {
	some id, key in input.resources.aws_kms_key
	key.config.key_manager == "CUSTOMER"
	key.config.key_state in pending_states
	msg := sprintf("customer managed key is in state %s", [key.config.key_state])
}
