# Test data for the attack-path rules: graph nodes, edges and exposures built by hand in
# the shape of schemas/graph.json, so each test can state the one fact it turns over.
package cspm.fixtures.paths

key(provider, account, rtype, id) := concat("/", [provider, account, rtype, id])

ref(provider, account, rtype, id) := {
	"provider": provider,
	"account": account,
	"type": rtype,
	"id": id,
	"name": id,
}

# node is a graph node of kind `kind`; `extra` adds or replaces fields.
node(provider, account, rtype, id, kind, extra) := object.union(
	{"ref": ref(provider, account, rtype, id), "kind": kind},
	extra,
)

# exposure at `level`, with the route from the internet and the admin ports reached.
exposure(level, route, admin_ports) := {
	"level": level,
	"summary": sprintf("exposure %s", [level]),
	"evidence": [{"rule": "reachable", "admin_ports": admin_ports}],
	"route": route,
}

edge(to, kind, why) := {"to": to, "kind": kind, "why": why, "state": "known"}

unknown_edge(to, kind, why) := {"to": to, "kind": kind, "why": why, "state": "unknown"}

# graph wraps nodes and edges as the input a path rule reads, adjacency derived.
graph(nodes, edges) := {"graph": {
	"nodes": object.union({"internet": internet}, nodes),
	"edges": edges,
	"adjacency": {source: [e.to | some e in out] | some source, out in edges},
	"types": {rtype: [key | some key, n in nodes; n.ref.type == rtype] | some n in nodes; rtype := n.ref.type},
}}

internet := {
	"ref": {"provider": "", "account": "", "type": "internet", "id": "internet", "name": "Internet"},
	"kind": "entry",
}

# identity nodes by privilege
admin_role(provider, account, rtype, id) := node(provider, account, rtype, id, "identity", {
	"privilege": "admin",
	"privilege_reason": "administrator through AdministratorAccess",
	"crown_jewel": true,
})

limited_role(provider, account, rtype, id) := node(provider, account, rtype, id, "identity", {
	"privilege": "limited",
	"privilege_reason": "no administrator policy attached",
})

unknown_role(provider, account, rtype, id) := node(provider, account, rtype, id, "identity", {
	"privilege": "unknown",
	"collected": false,
	"why": "the role's account was not scanned",
})
