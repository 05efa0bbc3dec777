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

# paths[name] is what the attack-path rule cspm.paths.<provider>.<rule> found in
# input.graph (schemas/graph.json): a set of {"entry", "steps", "target"}.
paths[name] := found if {
	some provider, rule
	pkg := data.cspm.paths[provider][rule]
	name := concat(".", [provider, rule])
	found := object.get(pkg, "paths", set())
}
