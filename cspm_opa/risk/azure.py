"""The Azure part of the security graph.

Network: internet -> public IP -> network interface (its NSG and its subnet's NSG decide
which ports get through) -> VM; and the public endpoints of App Service, SQL servers and
storage accounts. An app reaches a SQL server whose firewall admits the app's outbound
addresses (or every Azure address). Identity: VM or app -> its managed identity -> the
role assignments of that principal (Owner, Contributor, User Access Administrator are
administrator-equivalent). Data: storage accounts, SQL servers and databases, disks.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping, Sequence
from typing import Any

from cspm_opa.risk.classify import RiskSettings
from cspm_opa.risk.graph import INTERNET, GraphBuilder, SnapshotIndex, exposure, node_key
from cspm_opa.risk.ports import ADMIN_PORTS, PortRange, is_world, through_acl, touches

__all__ = ["ADMIN_ROLE_GUIDS", "add_azure"]

Document = Mapping[str, Any]
ADMIN_ROLE_GUIDS = {
    "8e3af657-a8ff-443c-a75c-2fe8c4bcb635": "Owner",
    "b24988ac-6180-42a0-ab88-20f7382dd24c": "Contributor",
    "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9": "User Access Administrator",
}
DATA_TYPES = (
    "azurerm_storage_account",
    "azurerm_mssql_server",
    "azurerm_mssql_database",
    "azurerm_managed_disk",
    "azurerm_key_vault",
)


def add_azure(
    graph: GraphBuilder,
    indexes: Sequence[SnapshotIndex],
    settings: RiskSettings,
    classification: Mapping[str, str],
) -> None:
    assignments: dict[str, list[tuple[SnapshotIndex, Document]]] = {}
    for index in indexes:
        for ra in index.of("azurerm_role_assignment"):
            principal = str(ra.get("config", {}).get("principal_id", ""))
            assignments.setdefault(principal, []).append((index, ra))
    for index in indexes:
        _Subscription(
            graph, index, settings, classification.get(index.account, "unclassified"), assignments
        ).build()


class _Subscription:
    def __init__(
        self,
        graph: GraphBuilder,
        index: SnapshotIndex,
        settings: RiskSettings,
        level: str,
        assignments: Mapping[str, list[tuple[SnapshotIndex, Document]]],
    ) -> None:
        self.g = graph
        self.ix = index
        self.settings = settings
        self.level = level
        self.assignments = assignments

    def build(self) -> None:
        for sub in self.ix.of("azurerm_subscription"):
            self.g.node(self.ix, sub, "account")
        for rtype in DATA_TYPES:
            for doc in self.ix.of(rtype):
                self.g.data_node(self.ix, doc, self.settings, self.level)
        for vm in self.ix.of("azurerm_virtual_machine"):
            self._vm(vm)
        for account in self.ix.of("azurerm_storage_account"):
            self._storage(account)
        for server in self.ix.of("azurerm_mssql_server"):
            self._sql(server)
        for app in self.ix.of("azurerm_app_service"):
            self._app(app)

    def _identity(self, source: str, owner: Document, identity: Mapping[str, Any] | None) -> None:
        if not identity or not identity.get("principal_id"):
            if "identity" in owner.get("unknown", []):
                self.g.edge(
                    source,
                    node_key(
                        "azure",
                        self.ix.account,
                        "azurerm_managed_identity",
                        f"{owner['id']}/identity",
                    ),
                    "identity",
                    "identity not collected",
                    known=False,
                )
            return
        principal = str(identity["principal_id"])
        key = node_key("azure", self.ix.account, "azurerm_managed_identity", principal)
        roles: list[str] = []
        for index, ra in self.assignments.get(principal, []):
            guid = str(ra.get("config", {}).get("role_definition_guid", ""))
            scope = str(ra.get("config", {}).get("scope", ""))
            name = ADMIN_ROLE_GUIDS.get(guid)
            if name is None:
                continue
            roles.append(name)
            subs = list(index.of("azurerm_subscription"))
            if subs:
                self.g.edge(key, index.key(subs[0]), "identity", f"{name} at {scope}")
        node = self.g.placeholder(
            key,
            {
                "provider": "azure",
                "account": self.ix.account,
                "type": "azurerm_managed_identity",
                "id": principal,
                "name": f"{owner.get('name')} identity",
            },
            "identity",
            "",
        )
        node.update(
            collected=self.ix.collected("azurerm_role_assignment"),
            privilege="admin"
            if roles
            else ("limited" if self.ix.collected("azurerm_role_assignment") else "unknown"),
            privilege_reason=f"{roles[0]} role assignment" if roles else "no administrator role",
            crown_jewel=bool(roles),
            crown_jewel_reason="administrator-equivalent identity" if roles else "",
        )
        self.g.edge(
            source,
            key,
            "identity",
            f"{identity.get('type', 'managed')} identity "
            "(tokens from the instance metadata service)",
            known=self.ix.collected("azurerm_role_assignment"),
        )

    def _vm(self, vm: Document) -> None:
        config = vm.get("config", {})
        key = self.ix.key(vm)
        node = self.g.node(self.ix, vm, "compute")
        self._identity(key, vm, config.get("identity"))
        nics = self.ix.by("azurerm_network_interface", "virtual_machine_id", str(vm["id"]))
        if not nics:
            # snapshots leave out empty types: only a coverage entry means "not collected"
            if not self.ix.collected("azurerm_network_interface"):
                node["exposure"] = exposure(
                    "unknown", [{"rule": "network interfaces not collected"}]
                )
                self.g.edge(
                    INTERNET, key, "network", "network interfaces not collected", known=False
                )
            else:
                node["exposure"] = exposure("none", [{"rule": "no network interface"}])
            return
        best = exposure("none", [])
        for nic in nics:
            result = self._nic_exposure(key, nic)
            order = {"internet": 3, "unknown": 2, "network": 1, "none": 0}
            if order[result["level"]] > order[best["level"]]:
                best = result
        node["exposure"] = best

    def _nic_exposure(self, vm_key: str, nic: Document) -> dict[str, Any]:
        config = nic.get("config", {})
        nic_key = self.ix.key(nic)
        self.g.node(self.ix, nic, "network")
        self.g.edge(nic_key, vm_key, "network", "network interface of the VM")
        public: list[tuple[str, Document | None]] = []
        for pid in config.get("public_ip_address_ids", []):
            public.append((str(pid), self.ix.get("azurerm_public_ip", str(pid))))
        nsgs = []
        if config.get("network_security_group_id"):
            nsgs.append(str(config["network_security_group_id"]))
        for subnet_nsg in self.ix.by(
            "azurerm_network_security_group", "subnet_ids", str(config.get("subnet_id"))
        ):
            nsgs.append(str(subnet_nsg["id"]))
        allowed: list[PortRange] | None = [PortRange(0, 65535)]
        evidence: list[dict[str, Any]] = []
        chain: list[dict[str, str]] = []
        for nsg_id in dict.fromkeys(nsgs):
            nsg = self.ix.get("azurerm_network_security_group", nsg_id)
            if nsg is None:
                allowed = None
                break
            entries: list[tuple[int, str, PortRange]] = []
            for rule in nsg.get("config", {}).get("security_rules", []):
                if str(rule.get("direction", "")).lower() != "inbound":
                    continue
                if not any(is_world(s) for s in rule.get("source_address_prefixes", [])):
                    continue
                action = "allow" if str(rule.get("access", "")).lower() == "allow" else "deny"
                for spec in rule.get("destination_port_ranges", []) or ["*"]:
                    r = _range(str(rule.get("protocol", "*")), str(spec))
                    entries.append((int(rule.get("priority", 4096)), action, r))
                    if action == "allow":
                        evidence.append(
                            {
                                "rule": f"{nsg['name']}/{rule.get('name')}",
                                "resource": self.ix.key(nsg),
                                "ports": [r.as_list()],
                                "cidrs": ["*"],
                            }
                        )
            allowed = through_acl(allowed or [], entries)
            self.g.node(self.ix, nsg, "network")
            chain.append({"resource": self.ix.key(nsg), "why": "admits the traffic"})
        if allowed is None:
            self.g.edge(
                INTERNET, nic_key, "network", "network security group not collected", known=False
            )
            return exposure("unknown", [{"rule": "network security group not collected"}])
        if not public:
            return exposure("network" if allowed else "none", evidence)
        if any(doc is None for _, doc in public):
            self.g.edge(INTERNET, nic_key, "network", "public IP not collected", known=False)
            return exposure("unknown", [*evidence, {"rule": "public IP not collected"}])
        if not nsgs and any(
            str((d or {}).get("config", {}).get("sku", "")).lower() == "standard" for _, d in public
        ):
            return exposure("none", [{"rule": "Standard public IP without an NSG admits nothing"}])
        if not allowed:
            return exposure("network", [*evidence, {"rule": "NSGs deny the internet"}])
        ports = ", ".join(str(r) for r in allowed)
        steps = []
        for _, found in public:
            if found is None:
                continue
            doc = found
            ip_key = self.ix.key(doc)
            self.g.node(self.ix, doc, "network")
            self.g.edge(INTERNET, ip_key, "network", f"public IP {doc['config'].get('ip_address')}")
            self.g.edge(ip_key, nic_key, "network", f"associated; {ports} admitted")
            steps.append(
                {"resource": ip_key, "why": f"public IP {doc['config'].get('ip_address')}"}
            )
        return exposure(
            "internet",
            [
                *evidence,
                {
                    "rule": "reachable",
                    "ports": [r.as_list() for r in allowed],
                    "admin_ports": touches(allowed, ADMIN_PORTS),
                },
            ],
            [*steps, *chain, {"resource": nic_key, "why": f"network interface admits {ports}"}],
        )

    def _storage(self, account: Document) -> None:
        config = account.get("config", {})
        key = self.ix.key(account)
        node = self.g.nodes[key]
        open_network = (
            str(config.get("public_network_access", "Enabled")) != "Disabled"
            and str((config.get("network_rules") or {}).get("default_action", "Allow")) == "Allow"
        )
        if not open_network:
            node["exposure"] = exposure("network", [{"rule": "public network access restricted"}])
            return
        if not config.get("allow_blob_public_access"):
            node["exposure"] = exposure(
                "internet", [{"rule": "public endpoint, anonymous access disabled"}]
            )
            node["attributes"] = {"anonymous_read": False}
            return
        containers = config.get("public_containers")
        if containers is None:
            node["exposure"] = exposure(
                "unknown", [{"rule": "anonymous blob access allowed; containers not collected"}]
            )
            node["attributes"] = {"anonymous_read": None}
            self.g.edge(
                INTERNET, key, "data", "containers' access level not collected", known=False
            )
            return
        if not containers:
            node["exposure"] = exposure("internet", [{"rule": "no public container"}])
            node["attributes"] = {"anonymous_read": False}
            return
        what = f"anonymous read on container(s) {', '.join(containers)}"
        node["exposure"] = exposure(
            "internet",
            [{"rule": "public container", "containers": list(containers)}],
            summary=what,
        )
        node["attributes"] = {"anonymous_read": True}
        self.g.edge(INTERNET, key, "data", what)

    def _sql(self, server: Document) -> None:
        config = server.get("config", {})
        key = self.ix.key(server)
        node = self.g.nodes[key]
        if str(config.get("public_network_access", "Enabled")) == "Disabled":
            node["exposure"] = exposure("network", [{"rule": "public network access disabled"}])
            return
        rules = config.get("firewall_rules") or []
        world = [r for r in rules if _covers_all(r)]
        if world:
            node["exposure"] = exposure(
                "internet",
                [{"rule": f"firewall rule {r.get('name')}", "cidrs": ["0.0.0.0/0"]} for r in world],
                [
                    {
                        "resource": key,
                        "why": f"firewall rule {world[0].get('name')} admits every address",
                    }
                ],
            )
            self.g.edge(
                INTERNET,
                key,
                "network",
                f"firewall rule {world[0].get('name')} admits every address",
            )
        else:
            node["exposure"] = exposure("network", [{"rule": "public endpoint, firewall limited"}])

    def _app(self, app: Document) -> None:
        config = app.get("config", {})
        key = self.ix.key(app)
        node = self.g.node(self.ix, app, "compute")
        self._identity(key, app, config.get("identity"))
        if str(config.get("public_network_access") or "Enabled") == "Disabled":
            node["exposure"] = exposure("network", [{"rule": "public network access disabled"}])
        else:
            node["exposure"] = exposure(
                "internet",
                [{"rule": "public endpoint", "ports": [[443, 443], [80, 80]]}],
                summary="App Service with a public endpoint",
            )
            self.g.edge(INTERNET, key, "network", "App Service public endpoint")
        outbound = [str(ip) for ip in config.get("outbound_ip_addresses") or []]
        for server in self.ix.of("azurerm_mssql_server"):
            sconfig = server.get("config", {})
            if str(sconfig.get("public_network_access", "Enabled")) == "Disabled":
                continue
            for rule in sconfig.get("firewall_rules") or []:
                reason = _admits_app(rule, outbound)
                if reason:
                    self.g.edge(key, self.ix.key(server), "network", reason)
                    break


def _range(protocol: str, spec: str) -> PortRange:
    if spec in ("*", ""):
        return PortRange.of(protocol if protocol != "*" else "all", None, None)
    low, _, high = spec.partition("-")
    return PortRange.of(protocol if protocol != "*" else "all", int(low), int(high or low))


def _ip(value: Any) -> ipaddress.IPv4Address | None:
    try:
        return ipaddress.IPv4Address(str(value))
    except ValueError:
        return None


def _covers_all(rule: Mapping[str, Any]) -> bool:
    start, end = _ip(rule.get("start_ip_address")), _ip(rule.get("end_ip_address"))
    return start == ipaddress.IPv4Address("0.0.0.0") and end == ipaddress.IPv4Address(
        "255.255.255.255"
    )


def _admits_app(rule: Mapping[str, Any], outbound: Sequence[str]) -> str:
    start, end = _ip(rule.get("start_ip_address")), _ip(rule.get("end_ip_address"))
    if start is None or end is None:
        return ""
    if _covers_all(rule):
        return f"SQL firewall rule {rule.get('name')} admits every address, the app's too"
    if start == end == ipaddress.IPv4Address("0.0.0.0"):
        return f"SQL firewall rule {rule.get('name')} admits every Azure service, this app too"
    for address in outbound:
        ip = _ip(address)
        if ip is not None and start <= ip <= end:
            return f"SQL firewall rule {rule.get('name')} admits the app's outbound {address}"
    return ""
