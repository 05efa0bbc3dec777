"""Document builders, a static sample estate and PolicyTester, for tests and users' own
tests. The local clouds the demo and end-to-end tests scan live in cspm_opa.localclouds."""
