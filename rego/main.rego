# METADATA
# title: cspm-opa entrypoint
# description: >-
#   Gathers the results of every check package under data.cspm.checks.
#   A check lives at cspm.checks.<provider>.<service>.<name> and defines `deny`,
#   a set of {"resource": id, "message": text}, and optionally `applies`, the set of
#   resource ids it narrows itself to. The caller turns these into PASS, FAIL and
#   UNKNOWN results for every resource of the check's type.
package cspm.main

results[name] := result if {
	some provider, service, check
	pkg := data.cspm.checks[provider][service][check]
	name := concat(".", [provider, service, check])
	result := {
		"deny": object.get(pkg, "deny", set()),
		"applies": object.get(pkg, "applies", null),
	}
}
