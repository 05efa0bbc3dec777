"""The GCP part of the security graph.

Network: internet -> firewall rule -> instance with an external IP (the rule's network,
target tags or service accounts decide which instances it reaches, priorities and deny
rules decide which ports). Identity: instance -> its service account (limited by the
instance's access scopes) -> the projects whose IAM policy grants that account a role,
across projects. Data: buckets, Cloud SQL instances, BigQuery datasets and disks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from cspm_opa.risk.classify import RiskSettings
from cspm_opa.risk.graph import INTERNET, GraphBuilder, SnapshotIndex, exposure, node_key
from cspm_opa.risk.ports import ADMIN_PORTS, PortRange, is_world, through_acl, touches

__all__ = ["ADMIN_ROLES", "add_gcp"]

Document = Mapping[str, Any]
ADMIN_ROLES = frozenset({"roles/owner", "roles/editor"})
FULL_SCOPES = frozenset({"https://www.googleapis.com/auth/cloud-platform", "cloud-platform"})
DATA_TYPES = (
    "google_storage_bucket",
    "google_sql_database_instance",
    "google_bigquery_dataset",
    "google_compute_disk",
)
_PUBLIC_MEMBERS = ("allUsers", "allAuthenticatedUsers")


def add_gcp(
    graph: GraphBuilder,
    indexes: Sequence[SnapshotIndex],
    settings: RiskSettings,
    classification: Mapping[str, str],
) -> None:
    # who holds which role where, over every project of the scan (cross-project grants)
    grants: dict[str, list[tuple[SnapshotIndex, Document, str]]] = {}
    for index in indexes:
        for project in index.of("google_project"):
            for binding in project.get("config", {}).get("iam_bindings", []):
                for member in binding.get("members", []):
                    grants.setdefault(str(member), []).append((index, project, binding["role"]))
    for index in indexes:
        _Project(
            graph, index, settings, classification.get(index.account, "unclassified"), grants
        ).build()


class _Project:
    def __init__(
        self,
        graph: GraphBuilder,
        index: SnapshotIndex,
        settings: RiskSettings,
        level: str,
        grants: Mapping[str, list[tuple[SnapshotIndex, Document, str]]],
    ) -> None:
        self.g = graph
        self.ix = index
        self.settings = settings
        self.level = level
        self.grants = grants

    def build(self) -> None:
        for project in self.ix.of("google_project"):
            self.g.node(self.ix, project, "account")
        for rtype in DATA_TYPES:
            for doc in self.ix.of(rtype):
                labels = doc.get("tags") or doc.get("config", {}).get("labels") or {}
                self.g.data_node(self.ix, doc, self.settings, self.level, tags=labels)
        for account in self.ix.of("google_service_account"):
            self._service_account(account)
        for instance in self.ix.of("google_compute_instance"):
            self._instance(instance)
        for bucket in self.ix.of("google_storage_bucket"):
            self._bucket(bucket)
        for sql in self.ix.of("google_sql_database_instance"):
            self._sql(sql)

    def _service_account(self, account: Document) -> None:
        email = str(account.get("config", {}).get("email", ""))
        key = self.ix.key(account)
        roles: list[str] = []
        for index, project, role in self.grants.get(f"serviceAccount:{email}", []):
            roles.append(role)
            if role in ADMIN_ROLES:
                cross = index.account != self.ix.account
                self.g.node(index, project, "account")
                self.g.edge(
                    key,
                    index.key(project),
                    "identity",
                    f"{role} on {'another ' if cross else 'its '}project {index.account}",
                )
        admin = sorted(r for r in roles if r in ADMIN_ROLES)
        self.g.node(
            self.ix,
            account,
            "identity",
            privilege="admin" if admin else "limited",
            privilege_reason=f"{admin[0]} granted" if admin else "no owner or editor role",
            crown_jewel=bool(admin),
            crown_jewel_reason="administrator-equivalent identity" if admin else "",
            attributes={"roles": sorted(set(roles))},
        )

    def _instance(self, instance: Document) -> None:
        config = instance.get("config", {})
        key = self.ix.key(instance)
        node = self.g.node(self.ix, instance, "compute")
        accounts = config.get("service_accounts", [])
        emails = [str(a.get("email")) for a in accounts]
        node["attributes"] = {
            "service_accounts": emails,
            "full_scopes": any(set(a.get("scopes", [])) & FULL_SCOPES for a in accounts),
        }
        for sa in accounts:
            email = str(sa.get("email"))
            scopes = set(sa.get("scopes", []))
            scoped = (
                "cloud-platform scope: its full IAM roles"
                if scopes & FULL_SCOPES
                else (
                    "access scopes limit it to "
                    + ", ".join(sorted(s.rsplit("/", 1)[-1] for s in scopes))
                )
            )
            found = self.ix.by("google_service_account", "email", email)
            if found:
                self.g.edge(
                    key,
                    self.ix.key(found[0]),
                    "identity",
                    f"runs as {email} ({scoped})",
                    known=True,
                )
            else:
                target = node_key("gcp", self.ix.account, "google_service_account", email)
                self.g.placeholder(
                    target,
                    {
                        "provider": "gcp",
                        "account": self.ix.account,
                        "type": "google_service_account",
                        "id": email,
                        "name": email,
                    },
                    "identity",
                    "service account not in the listing",
                )
                admin = [
                    r
                    for _, _, r in self.grants.get(f"serviceAccount:{email}", [])
                    if r in ADMIN_ROLES
                ]
                self.g.nodes[target].setdefault("privilege", "admin" if admin else "unknown")
                self.g.nodes[target].setdefault("crown_jewel", bool(admin))
                for index, project, role in self.grants.get(f"serviceAccount:{email}", []):
                    if role in ADMIN_ROLES:
                        self.g.edge(
                            target,
                            index.key(project),
                            "identity",
                            f"{role} on project {index.account}",
                        )
                self.g.edge(
                    key,
                    target,
                    "identity",
                    f"runs as {email} ({scoped})",
                    known=bool(admin) or "@developer.gserviceaccount.com" in email,
                )
        external = [
            label for nic in config.get("network_interfaces", []) for label in _external(nic)
        ]
        node["exposure"] = self._exposure(key, instance, external, emails)

    def _exposure(
        self, key: str, instance: Document, external: Sequence[str], emails: Sequence[str]
    ) -> dict[str, Any]:
        config = instance.get("config", {})
        networks = {str(nic.get("network")) for nic in config.get("network_interfaces", [])}
        if not self.ix.collected("google_compute_firewall"):
            self.g.edge(INTERNET, key, "network", "firewall rules not collected", known=False)
            return exposure("unknown", [{"rule": "firewall rules not collected"}])
        tags = config.get("network_tags")
        entries: list[tuple[int, str, PortRange]] = []
        evidence: list[dict[str, Any]] = []
        rule_keys: list[tuple[str, str]] = []
        rule_docs: dict[str, Document] = {}
        tag_unknown = False
        any_ingress = False
        for rule in self.ix.of("google_compute_firewall"):
            rc = rule.get("config", {})
            if rc.get("direction", "INGRESS") != "INGRESS" or rc.get("disabled"):
                continue
            if not _same_network(str(rc.get("network", "")), networks):
                continue
            target_tags = rc.get("target_tags") or []
            target_sas = rc.get("target_service_accounts") or []
            if target_tags and tags is None:
                tag_unknown = True
                continue
            if target_tags and not set(target_tags) & set(tags or []):
                continue
            if target_sas and not set(target_sas) & set(emails):
                continue
            any_ingress = True
            if not any(is_world(s) for s in rc.get("source_ranges", [])):
                continue
            priority = int(rc.get("priority", 1000))
            for action, items in (("deny", rc.get("denied", [])), ("allow", rc.get("allowed", []))):
                for item in items:
                    for r in _ranges(item):
                        entries.append((priority * 2 + (0 if action == "deny" else 1), action, r))
                        if action == "allow":
                            evidence.append(
                                {
                                    "rule": str(rule["name"]),
                                    "resource": self.ix.key(rule),
                                    "ports": [r.as_list()],
                                    "protocol": r.protocol,
                                    "cidrs": [
                                        s for s in rc.get("source_ranges", []) if is_world(s)
                                    ],
                                }
                            )
                            rule_keys.append((self.ix.key(rule), str(rule["name"])))
                            rule_docs[self.ix.key(rule)] = rule
        allowed = through_acl([PortRange(0, 65535)], entries) if entries else []
        if not external:
            return exposure("network" if any_ingress else "none", evidence)
        if not allowed:
            if tag_unknown:
                self.g.edge(
                    INTERNET, key, "network", "instance network tags not collected", known=False
                )
                return exposure("unknown", [{"rule": "network tags not collected"}])
            return exposure("network" if any_ingress else "none", evidence)
        ports = ", ".join(str(r) for r in allowed)
        chain = []
        for rule_key, name in dict.fromkeys(rule_keys):
            self.g.node(self.ix, rule_docs[rule_key], "network")
            self.g.edge(INTERNET, rule_key, "network", f"firewall rule {name} admits 0.0.0.0/0")
            self.g.edge(rule_key, key, "network", f"applies to the instance ({ports})")
            chain.append(
                {"resource": rule_key, "why": f"firewall rule {name} admits {ports} from anywhere"}
            )
        self.g.edge(INTERNET, key, "network", f"{', '.join(external)}; {ports} open")
        return exposure(
            "internet",
            [
                *evidence,
                {
                    "rule": "reachable",
                    "public_ips": list(external),
                    "ports": [r.as_list() for r in allowed],
                    "admin_ports": touches(allowed, ADMIN_PORTS),
                },
            ],
            chain,
        )

    def _bucket(self, bucket: Document) -> None:
        config = bucket.get("config", {})
        key = self.ix.key(bucket)
        node = self.g.nodes[key]
        if config.get("public_access_prevention") == "enforced":
            node["exposure"] = exposure("none", [{"rule": "public access prevention enforced"}])
            return
        public = [
            {
                "rule": f"IAM {b['role']}",
                "members": [m for m in b["members"] if m in _PUBLIC_MEMBERS],
            }
            for b in config.get("iam_bindings", [])
            if set(b.get("members", [])) & set(_PUBLIC_MEMBERS)
        ] + [
            {"rule": f"ACL {a.get('role')}", "members": [a.get("entity")]}
            for a in config.get("acl") or []
            if a.get("entity") in _PUBLIC_MEMBERS
        ]
        if public:
            what = "; ".join(f"{e['rule']} to {', '.join(e['members'])}" for e in public)
            node["exposure"] = exposure("internet", public, summary=what)
            self.g.edge(INTERNET, key, "data", f"public: {what}")
        elif {"iam_bindings", "acl"} & set(bucket.get("unknown", [])):
            node["exposure"] = exposure("unknown", [{"rule": "bucket IAM policy not collected"}])
            self.g.edge(INTERNET, key, "data", "bucket IAM policy not collected", known=False)
        else:
            node["exposure"] = exposure("none", [{"rule": "no public binding"}])

    def _sql(self, sql: Document) -> None:
        ip = sql.get("config", {}).get("ip_configuration") or {}
        key = self.ix.key(sql)
        node = self.g.nodes[key]
        if not ip.get("ipv4_enabled"):
            node["exposure"] = exposure("network", [{"rule": "no public IP"}])
            return
        nets = [
            n
            for n in ip.get("authorized_networks") or []
            if is_world(n.get("value") if isinstance(n, Mapping) else str(n))
        ]
        if nets:
            node["exposure"] = exposure(
                "internet",
                [{"rule": "authorized network", "cidrs": ["0.0.0.0/0"]}],
                summary="public IP with 0.0.0.0/0 an authorized network",
            )
            self.g.edge(INTERNET, key, "network", "public IP, 0.0.0.0/0 authorized")
        else:
            node["exposure"] = exposure("network", [{"rule": "public IP, no world-open network"}])


def _external(nic: Mapping[str, Any]) -> list[str]:
    """What an interface has from the internet: the snapshot says whether it has an
    external IPv4 or IPv6 address (booleans), not the address itself."""
    out = []
    for label, value in (
        ("external IPv4", nic.get("external_ipv4")),
        ("external IPv6", nic.get("external_ipv6")),
    ):
        if isinstance(value, str) and value:
            out.append(value)  # an address, where a snapshot carries one
        elif value is True:
            out.append(label)
    return out


def _same_network(rule_network: str, networks: set[str]) -> bool:
    tail = rule_network.rsplit("/", 1)[-1]
    return any(n == rule_network or n.rsplit("/", 1)[-1] == tail for n in networks)


def _ranges(item: Mapping[str, Any]) -> list[PortRange]:
    protocol = str(item.get("protocol", "all"))
    ports = item.get("ports") or []
    if not ports:
        return [PortRange.of(protocol, None, None)]
    out = []
    for spec in ports:
        low, _, high = str(spec).partition("-")
        out.append(PortRange.of(protocol, int(low), int(high or low)))
    return out
