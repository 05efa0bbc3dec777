"""Local clouds that speak each provider's wire format to its real SDK: moto's server
seeded with AWS accounts, an Azure Resource Manager and Entra token server, a Cloud Asset
and Resource Manager server for GCP, and the demo estates they serve. For the demo, the
tests, benchmarks and users' own end-to-end tests; the document builders and
PolicyTester stay in :mod:`cspm_opa.testing`."""
