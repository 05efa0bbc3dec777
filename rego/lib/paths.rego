# METADATA
# title: Attack-path helpers
# description: >-
#   Walks over the security graph (input.graph, schemas/graph.json) for the path rules
#   under cspm.paths. Every walk is bounded: identity chains are at most max_identity_hops
#   edges long, and each starts from one node.
package cspm.lib.paths

import rego.v1

max_identity_hops := 4

# of_type is the keys of the graph's nodes of one resource type: input.graph.types
# indexes them, so a rule visits only its own type.
of_type(rtype) := object.get(input.graph.types, rtype, [])

# exposed holds for a node the internet reaches, as the graph's evidence shows.
exposed(key) if input.graph.nodes[key].exposure.level == "internet"

# maybe_exposed also admits a node whose exposure could not be known (a path through it
# is reported as "possible").
maybe_exposed(key) if input.graph.nodes[key].exposure.level in {"internet", "unknown"}

# route is the chain of steps from the internet to a node (gateway, subnet, ACL, groups).
route(key) := input.graph.nodes[key].exposure.route

default admin_ports(_) := set()

# admin_ports are the SSH and RDP ports the internet reaches on a node.
admin_ports(key) := {port |
	some evidence in input.graph.nodes[key].exposure.evidence
	some port in object.get(evidence, "admin_ports", [])
}

# edge_why is the reason on the edge from a to b.
edge_why(a, b) := why if {
	some edge in input.graph.edges[a]
	edge.to == b
	why := edge.why
}

# identity_edges is the identity part of the graph, every identity node a key (OPA's
# graph walks ignore a neighbour that is not a key of the graph object).
identity_edges := {key: targets |
	some key, node in input.graph.nodes
	node.kind in {"compute", "identity", "account"}
	targets := [edge.to | some edge in object.get(input.graph.edges, key, []); edge.kind == "identity"]
}

privileged(key) if input.graph.nodes[key].privilege == "admin"

privileged(key) if input.graph.nodes[key].privilege == "unknown"

# identity_chains are the chains of identity edges from start to an administrator (or
# an identity whose privileges were not collected), start excluded, at most
# max_identity_hops long. A chain stops at the first such identity.
identity_chains(start) := {chain |
	some walk in graph.reachable_paths(identity_edges, {start})
	some i, key in walk
	i > 0
	i <= max_identity_hops
	privileged(key)
	not privileged_before(walk, i)
	chain := array.slice(walk, 1, i + 1)
}

privileged_before(walk, i) if {
	some j, key in walk
	j > 0
	j < i
	privileged(key)
}

# chain_steps turns a chain of node keys after `from` into steps with the edges' reasons.
chain_steps(from, chain) := [step |
	some i, key in chain
	previous := array.concat([from], chain)[i]
	step := {"resource": key, "why": edge_why(previous, key)}
]
