package cspm.paths.gcp.instance_admin_sa_test

import data.cspm.fixtures.paths as f
import data.cspm.paths.gcp.instance_admin_sa

project := "acme-prod"

fw := f.key("gcp", project, "google_compute_firewall", "allow-ssh")

vm := f.key("gcp", project, "google_compute_instance", "web")

sa := f.key("gcp", project, "google_service_account", "web@acme-prod.iam.gserviceaccount.com")

proj := f.key("gcp", project, "google_project", project)

instance(level, full_scopes) := f.node("gcp", project, "google_compute_instance", "web", "compute", {
	"exposure": f.exposure(level, [{"resource": fw, "why": "firewall rule allow-ssh admits tcp/22"}], [22]),
	"attributes": {"full_scopes": full_scopes, "service_accounts": ["web@acme-prod.iam.gserviceaccount.com"]},
})

account(privilege) := f.node(
	"gcp", project, "google_service_account", "web@acme-prod.iam.gserviceaccount.com", "identity",
	{"privilege": privilege, "privilege_reason": "roles/owner granted"},
)

estate(level, full_scopes, privilege, edges) := f.graph(
	{
		fw: f.node("gcp", project, "google_compute_firewall", "allow-ssh", "network", {}),
		vm: instance(level, full_scopes),
		sa: account(privilege),
		proj: f.node("gcp", project, "google_project", project, "account", {}),
	},
	edges,
)

runs_as := {
	vm: [f.edge(sa, "identity", "runs as web@ (cloud-platform scope: its full IAM roles)")],
	sa: [f.edge(proj, "identity", "roles/owner on its project acme-prod")],
}

test_path_instance_runs_as_owner if {
	found := instance_admin_sa.paths with input as estate("internet", true, "admin", runs_as)
	count(found) == 1
	some path in found
	path.entry == "internet"
	[s.resource | some s in path.steps] == [fw, vm]
	path.steps[1].why == "external IP, firewall open to 0.0.0.0/0"
	path.target == {"resource": sa, "why": "roles/owner granted"}
}

test_possible_when_privileges_unknown if {
	some path in instance_admin_sa.paths with input as estate("internet", true, "unknown", runs_as)
	path.target.resource == sa
}

test_no_path_with_limited_scopes if {
	count(instance_admin_sa.paths) == 0 with input as estate("internet", false, "admin", runs_as)
}

test_no_path_with_limited_account if {
	count(instance_admin_sa.paths) == 0 with input as estate("internet", true, "limited", runs_as)
}

test_no_path_without_identity_edge if {
	count(instance_admin_sa.paths) == 0 with input as estate("internet", true, "admin", {})
}

test_no_path_when_not_exposed if {
	every level in ["none", "network"] {
		count(instance_admin_sa.paths) == 0 with input as estate(level, true, "admin", runs_as)
	}
}

test_path_when_exposure_unknown if {
	count(instance_admin_sa.paths) == 1 with input as estate("unknown", true, "admin", runs_as)
}
