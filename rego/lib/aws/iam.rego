# METADATA
# title: AWS IAM policy-document helpers
# description: >-
#   Reads normalized policy documents: Statement is always a list, and Action,
#   NotAction and Resource are always lists of strings.
package cspm.lib.aws.iam

# statement_principal_is_anyone holds when a statement names every principal.
statement_principal_is_anyone(stmt) if stmt.Principal == "*"

statement_principal_is_anyone(stmt) if {
	some p in as_list(stmt.Principal.AWS)
	p == "*"
}

# action_matches holds when an action list covers the service action `action`
# (an exact match, the service wildcard such as "s3:*", or "*").
action_matches(actions, action) if {
	some a in actions
	glob.match(lower(a), [":"], lower(action))
}

# allows_full_admin holds for an Allow statement over every action and resource.
allows_full_admin(stmt) if {
	stmt.Effect == "Allow"
	"*" in stmt.Action
	"*" in stmt.Resource
}

as_list(x) := x if is_array(x)

as_list(x) := [x] if not is_array(x)
