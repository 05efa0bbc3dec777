# METADATA
# title: GCP IAM policy helpers
# description: >-
#   Reads IAM policy bindings as the google_* schemas hold them ({"role", "members",
#   "condition"}): who holds which role, public principals, administrative roles, and
#   user-managed service accounts as opposed to Google's own service agents.
package cspm.lib.gcp.iam

# Principals that stand for anyone on the internet, signed in to Google or not.
public_members := {"allUsers", "allAuthenticatedUsers"}

# public_grants returns "role to member" for each binding that grants a role to the public.
public_grants(bindings) := {sprintf("%s to %s", [b.role, m]) |
	some b in bindings
	some m in b.members
	m in public_members
}

# roles_of returns the roles `member` holds through `bindings`.
roles_of(bindings, member) := {b.role | some b in bindings; member in b.members}

# members_of returns every principal named in `bindings`.
members_of(bindings) := {m | some b in bindings; some m in b.members}

# is_admin_role: Owner, Editor, and every role whose name ends in "admin" (predefined
# roles such as roles/iam.securityAdmin or roles/compute.admin, and custom ones).
is_admin_role(role) if role in {"roles/owner", "roles/editor"}

is_admin_role(role) if endswith(lower(role), "admin")

# is_service_account holds for serviceAccount: principals.
is_service_account(member) if startswith(member, "serviceAccount:")

# is_service_agent holds for service accounts Google creates and manages for its services
# (service-<number>@..., <number>@cloudservices.gserviceaccount.com); their roles are
# Google's to set, so checks about user-managed accounts leave them out.
is_service_agent(member) if {
	is_service_account(member)
	regex.match(`^serviceAccount:service-(org-)?[0-9]+@`, member)
}

is_service_agent(member) if {
	is_service_account(member)
	endswith(member, "@cloudservices.gserviceaccount.com")
}

is_user_managed_service_account(member) if {
	is_service_account(member)
	not is_service_agent(member)
}
