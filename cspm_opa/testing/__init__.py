"""Document builders, a static sample estate, and two pytest helpers for users' own tests:
PolicyTester (cspm_opa.testing.policy_tester) asserts a check's verdict on resource
documents, PathTester (cspm_opa.testing.path_tester) asserts the attack paths the path
rules find over snapshots. The local clouds the demo and end-to-end tests scan live in
cspm_opa.localclouds."""
