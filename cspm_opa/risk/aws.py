"""The AWS part of the security graph.

Network: internet -> internet gateway -> subnet (through its route table) -> the
instance, load balancer or database, with the network ACL and security groups as the
evidence of which ports get through. Identity: instance or function -> role (instance
profile) -> roles it may assume (its policies and their trust policies, across accounts).
Data: buckets, databases, volumes and snapshots with their classification; an instance
reaches the volumes attached to it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from cspm_opa.risk import aws_iam
from cspm_opa.risk.classify import RiskSettings
from cspm_opa.risk.graph import INTERNET, GraphBuilder, SnapshotIndex, exposure, node_key
from cspm_opa.risk.ports import ADMIN_PORTS, PortRange, is_world, merge, through_acl, touches

__all__ = ["add_aws"]

Document = Mapping[str, Any]
DATA_TYPES = (
    "aws_s3_bucket",
    "aws_db_instance",
    "aws_rds_cluster",
    "aws_ebs_volume",
    "aws_efs_file_system",
    "aws_ebs_snapshot",
    "aws_db_snapshot",
)
_PUBLIC_GRANTEES = ("AllUsers", "AuthenticatedUsers")


def add_aws(
    graph: GraphBuilder,
    indexes: Sequence[SnapshotIndex],
    settings: RiskSettings,
    classification: Mapping[str, str],
) -> None:
    """Add the nodes and edges of every AWS snapshot; identity edges may cross accounts."""
    roles_by_arn: dict[str, tuple[SnapshotIndex, Document]] = {}
    for index in indexes:
        for role in index.of("aws_iam_role"):
            roles_by_arn[str(role["id"])] = (index, role)
    for index in indexes:
        level = classification.get(index.account, "unclassified")
        _Account(graph, index, settings, level, roles_by_arn).build()


@dataclass(frozen=True)
class _Route:
    steps: list[dict[str, str]]
    entries: list[tuple[int, str, PortRange]]
    acl_known: bool


class _Account:
    def __init__(
        self,
        graph: GraphBuilder,
        index: SnapshotIndex,
        settings: RiskSettings,
        level: str,
        roles_by_arn: Mapping[str, tuple[SnapshotIndex, Document]],
    ) -> None:
        self.g = graph
        self.ix = index
        self.settings = settings
        self.level = level
        self.roles_by_arn = roles_by_arn
        self.policies = {str(p["id"]): p for p in index.of("aws_iam_policy")}

    def build(self) -> None:
        for rtype in DATA_TYPES:
            for doc in self.ix.of(rtype):
                self._data_node(doc)
        for role in self.ix.of("aws_iam_role"):
            self._role(role)
        for user in self.ix.of("aws_iam_user"):
            self._principal_privilege(user, "identity")
        for instance in self.ix.of("aws_instance"):
            self._instance(instance)
        for lb in self.ix.of("aws_lb"):
            self._load_balancer(lb)
        for db in (*self.ix.of("aws_db_instance"), *self.ix.of("aws_rds_cluster")):
            self._database(db)
        for bucket in self.ix.of("aws_s3_bucket"):
            self._bucket(bucket)
        for fn in self.ix.of("aws_lambda_function"):
            self._function(fn)
        for snap in (*self.ix.of("aws_ebs_snapshot"), *self.ix.of("aws_db_snapshot")):
            if snap.get("config", {}).get("public"):
                key = self.ix.key(snap)
                self.g.nodes[key]["exposure"] = exposure(
                    "internet",
                    [{"rule": "public snapshot", "shared_with": ["all"]}],
                    summary="the snapshot is shared with every AWS account",
                )
                self.g.edge(INTERNET, key, "data", "restorable by any AWS account")

    # -- data ----------------------------------------------------------------------------

    def _data_node(self, doc: Document) -> None:
        self.g.data_node(self.ix, doc, self.settings, self.level, attributes=_data_attributes(doc))

    # -- identity ------------------------------------------------------------------------

    def _principal_privilege(self, doc: Document, kind: str) -> dict[str, Any]:
        config = doc.get("config", {})
        attached = [str(a) for a in config.get("attached_policy_arns", [])]
        admin_by: list[str] = [a for a in attached if a in aws_iam.ADMIN_POLICY_ARNS]
        unread: list[str] = []
        for arn in attached:
            if arn in aws_iam.ADMIN_POLICY_ARNS:
                continue
            policy = self.policies.get(arn)
            if policy is None:
                if not arn.startswith("arn:aws:iam::aws:"):
                    unread.append(arn)
            elif aws_iam.grants_admin(policy.get("config", {}).get("document")):
                admin_by.append(arn)
        inline = list(config.get("inline_policy_names", []))
        if admin_by:
            privilege, why = "admin", f"administrator through {admin_by[0]}"
        elif unread or inline or "attached_policy_arns" in doc.get("unknown", []):
            privilege = "unknown"
            why = "policies not read: " + ", ".join([*unread, *(f"inline {n}" for n in inline)])
        else:
            privilege, why = "limited", "no administrator policy attached"
        return self.g.node(
            self.ix,
            doc,
            kind,
            privilege=privilege,
            privilege_reason=why,
            crown_jewel=privilege == "admin",
            crown_jewel_reason="administrator-equivalent identity" if privilege == "admin" else "",
        )

    def _role(self, role: Document) -> None:
        node = self._principal_privilege(role, "identity")
        key = self.ix.key(role)
        trust = role.get("config", {}).get("assume_role_policy")
        foreign = sorted(a for a in aws_iam.trusted_accounts(trust) if a != self.ix.account)
        node["attributes"] = {"trusted_accounts": foreign}
        # what this role may assume, read from its managed policies
        patterns: list[str] = []
        for arn in role.get("config", {}).get("attached_policy_arns", []):
            policy = self.policies.get(str(arn))
            if policy is not None:
                patterns += aws_iam.assumable_role_patterns(policy["config"].get("document"))
        for pattern in patterns:
            self._assume_edges(key, str(role["id"]), pattern)

    def _assume_edges(self, source: str, principal_arn: str, pattern: str) -> None:
        matched = False
        for arn, (index, target) in self.roles_by_arn.items():
            if arn == principal_arn or not aws_iam.matches_arn(pattern, arn):
                continue
            matched = True
            trust = target.get("config", {}).get("assume_role_policy")
            if aws_iam.trusts(trust, principal_arn, self.ix.account):
                cross = index.account != self.ix.account
                self.g.edge(
                    source,
                    index.key(target),
                    "identity",
                    (
                        "may assume " + ("cross-account " if cross else "") + f"role {arn}: its "
                        "policy allows sts:AssumeRole and the role's trust policy admits it"
                    ),
                )
        if not matched and "*" not in pattern and ":role/" in pattern:
            account = pattern.split(":")[4] if len(pattern.split(":")) > 4 else ""
            target_key = node_key("aws", account, "aws_iam_role", pattern)
            self.g.placeholder(
                target_key,
                {
                    "provider": "aws",
                    "account": account,
                    "type": "aws_iam_role",
                    "id": pattern,
                    "name": pattern.rsplit("/", 1)[-1],
                },
                "identity",
                "the role's account was not scanned",
            )
            self.g.nodes[target_key].setdefault("privilege", "unknown")
            self.g.edge(
                source,
                target_key,
                "identity",
                f"may assume {pattern}; its account was not scanned, so its trust and "
                "privileges are unknown",
                known=False,
            )

    def _role_edge(self, source: str, profile_or_role: str, via: str) -> None:
        """Edge from a workload to the role whose credentials it holds."""
        found = self.ix.by("aws_iam_role", "instance_profile_arns", profile_or_role)
        if not found and profile_or_role in self.roles_by_arn:
            found = [self.roles_by_arn[profile_or_role][1]]
        for role in found:
            self.g.edge(
                source,
                self.ix.key(role),
                "identity",
                f"holds the credentials of role {role['name']} ({via})",
            )
        if found:
            return
        if self.ix.collected("aws_iam_role") and "aws_iam_role" in self.ix.snapshot.resources:
            return  # the roles were listed and none carries this profile: no role behind it
        key = node_key("aws", self.ix.account, "aws_iam_role", profile_or_role)
        self.g.placeholder(
            key,
            {
                "provider": "aws",
                "account": self.ix.account,
                "type": "aws_iam_role",
                "id": profile_or_role,
                "name": profile_or_role.rsplit("/", 1)[-1],
            },
            "identity",
            "IAM roles were not collected",
        )
        self.g.nodes[key].setdefault("privilege", "unknown")
        self.g.edge(source, key, "identity", f"{via}; IAM roles were not collected", known=False)

    # -- compute and network -------------------------------------------------------------

    def _instance(self, instance: Document) -> None:
        config = instance.get("config", {})
        key = self.ix.key(instance)
        meta = config.get("metadata_options") or {}
        imds_v1 = meta.get("http_endpoint") != "disabled" and meta.get("http_tokens") != "required"
        node = self.g.node(
            self.ix,
            instance,
            "compute",
            attributes={"imds_v1": imds_v1, "state": config.get("state")},
        )
        public_ips = [config["public_ip_address"]] if config.get("public_ip_address") else []
        for eni in self.ix.by(
            "aws_network_interface", "attachment_instance_id", str(config.get("instance_id"))
        ):
            if eni.get("config", {}).get("public_ip"):
                public_ips.append(str(eni["config"]["public_ip"]))
        for eip in self.ix.by("aws_eip", "instance_id", str(config.get("instance_id"))):
            if eip.get("config", {}).get("public_ip"):
                public_ips.append(str(eip["config"]["public_ip"]))
        node["exposure"] = self._network_exposure(
            key,
            sorted(set(public_ips)),
            config.get("subnet_id"),
            config.get("vpc_id"),
            config.get("security_group_ids", []),
            unknown="security_group_ids" in instance.get("unknown", []),
        )
        profile = config.get("iam_instance_profile_arn")
        if profile:
            self._role_edge(
                key,
                str(profile),
                "instance profile, read through the metadata "
                "service" + (" (IMDSv1 allowed)" if imds_v1 else " (IMDSv2)"),
            )
        for volume in self.ix.by(
            "aws_ebs_volume", "attached_instance_ids", str(config.get("instance_id"))
        ):
            self.g.edge(key, self.ix.key(volume), "data", "the volume is attached to it")

    def _security_groups(
        self, ids: Iterable[str]
    ) -> tuple[list[PortRange], list[dict[str, Any]], list[str], bool]:
        """World-open ranges, their evidence, the groups' keys, and whether any ingress
        (from anywhere at all) exists; raises LookupError when a group was not collected."""
        world: list[PortRange] = []
        evidence: list[dict[str, Any]] = []
        keys: list[str] = []
        any_ingress = False
        for gid in ids:
            groups = self.ix.by("aws_security_group", "group_id", str(gid))
            if not groups:
                raise LookupError(gid)
            group = groups[0]
            self.g.node(self.ix, group, "network")
            keys.append(self.ix.key(group))
            if "ingress" in group.get("unknown", []):
                raise LookupError(gid)
            for rule in group.get("config", {}).get("ingress", []):
                any_ingress = True
                sources = [*rule.get("ipv4_cidrs", []), *rule.get("ipv6_cidrs", [])]
                open_to = [s for s in sources if is_world(s)]
                if not open_to:
                    continue
                r = PortRange.of(
                    rule.get("ip_protocol"), rule.get("from_port"), rule.get("to_port")
                )
                world.append(r)
                evidence.append(
                    {
                        "rule": f"{gid} ingress",
                        "resource": self.ix.key(group),
                        "ports": [r.as_list()],
                        "protocol": r.protocol,
                        "cidrs": open_to,
                    }
                )
        return world, evidence, keys, any_ingress

    def _network_exposure(
        self,
        key: str,
        public_ips: Sequence[str],
        subnet_id: Any,
        vpc_id: Any,
        group_ids: Sequence[str],
        *,
        unknown: bool = False,
    ) -> dict[str, Any]:
        """Exposure of something in a subnet behind security groups; adds its edges."""
        try:
            if unknown:
                raise LookupError("security groups")
            world, evidence, sg_keys, any_ingress = self._security_groups(group_ids)
        except LookupError as missing:
            for gid in group_ids:
                self.g.edge(
                    INTERNET, key, "network", f"security group {gid} not collected", known=False
                )
                break
            return exposure("unknown", [{"rule": f"security group {missing} not collected"}])
        if not public_ips:
            return exposure("network" if any_ingress else "none", evidence)
        if not world:
            return exposure("network" if any_ingress else "none", evidence)
        route = self._route_to_internet(str(subnet_id or ""), str(vpc_id or ""))
        if route == "unknown":
            self.g.edge(
                INTERNET, key, "network", "route table of its subnet not collected", known=False
            )
            return exposure("unknown", [*evidence, {"rule": "route table not collected"}])
        if not isinstance(route, _Route):
            return exposure("network", [*evidence, {"rule": "no route to an internet gateway"}])
        steps, acl_entries, acl_known = route.steps, route.entries, route.acl_known
        allowed = merge(world)
        if acl_known:
            allowed = through_acl(allowed, acl_entries)
        if not allowed:
            return exposure("network", [*evidence, {"rule": "network ACL denies these ports"}])
        ports = ", ".join(str(r) for r in allowed)
        for sg_key in sg_keys:
            if any(e.get("resource") == sg_key for e in evidence):
                self.g.edge(
                    steps[-1]["resource"], sg_key, "network", f"allows {ports} from anywhere"
                )
                self.g.edge(sg_key, key, "network", f"attached security group admits {ports}")
        chain = [*steps]
        chain += [
            {"resource": k, "why": f"security group admits {ports} from anywhere"}
            for k in sg_keys
            if any(e.get("resource") == k for e in evidence)
        ]
        self.g.edge(
            INTERNET,
            key,
            "network",
            f"public IP {', '.join(public_ips)}; {ports} open from anywhere",
            known=acl_known,
        )
        return exposure(
            "internet" if acl_known else "unknown",
            [
                *evidence,
                {
                    "rule": "reachable",
                    "public_ips": list(public_ips),
                    "ports": [r.as_list() for r in allowed],
                    "admin_ports": touches(allowed, ADMIN_PORTS),
                },
            ],
            chain,
        )

    def _route_to_internet(self, subnet_id: str, vpc_id: str) -> _Route | str:
        """The steps internet -> gateway -> subnet, the subnet's inbound ACL entries from
        anywhere, and whether the ACL was collected; "none" when the subnet has no route
        to an internet gateway; "unknown" when its route table was not collected."""
        subnets = self.ix.by("aws_subnet", "subnet_id", subnet_id)
        tables = self.ix.by("aws_route_table", "subnet_ids", subnet_id) or [
            t for t in self.ix.by("aws_route_table", "vpc_id", vpc_id) if t["config"].get("main")
        ]
        if not tables:
            return "unknown" if not self.ix.collected("aws_route_table") or not subnets else "none"
        table = tables[0]
        igw_route = next(
            (
                r
                for r in table["config"].get("routes", [])
                if r.get("destination") in ("0.0.0.0/0", "::/0")
                and r.get("state") == "active"
                and str(r.get("target_id") or "").startswith("igw-")
            ),
            None,
        )
        if igw_route is None:
            return "none"
        igw_id = str(igw_route["target_id"])
        igws = self.ix.by("aws_internet_gateway", "internet_gateway_id", igw_id)
        igw_key = (
            self.ix.key(igws[0])
            if igws
            else node_key("aws", self.ix.account, "aws_internet_gateway", igw_id)
        )
        if not igws:
            self.g.placeholder(
                igw_key,
                {
                    "provider": "aws",
                    "account": self.ix.account,
                    "type": "aws_internet_gateway",
                    "id": igw_id,
                    "name": igw_id,
                },
                "network",
                "internet gateway not collected",
            )
        else:
            self.g.node(self.ix, igws[0], "network")
        table_key = self.ix.key(table)
        self.g.node(self.ix, table, "network")
        subnet_key = self.ix.key(subnets[0]) if subnets else table_key
        if subnets:
            self.g.node(self.ix, subnets[0], "network")
        self.g.edge(INTERNET, igw_key, "network", "internet gateway")
        self.g.edge(
            igw_key,
            subnet_key,
            "network",
            f"route table {table['name']} sends {igw_route['destination']} to {igw_id}",
        )
        steps = [
            {"resource": igw_key, "why": f"internet gateway {igw_id}"},
            {"resource": table_key, "why": f"routes {igw_route['destination']} to {igw_id}"},
        ]
        if subnets:
            steps.append({"resource": subnet_key, "why": f"subnet {subnet_id} uses that table"})
        acls = self.ix.by("aws_network_acl", "subnet_ids", subnet_id)
        if not acls:
            known = (
                self.ix.collected("aws_network_acl")
                and "aws_network_acl" in self.ix.snapshot.resources
            )
            return _Route(steps, [(0, "allow", PortRange(0, 65535))], known)
        acl = acls[0]
        entries = [
            (
                int(e.get("rule_number", 32767)),
                str(e.get("rule_action")),
                PortRange.of(e.get("protocol"), e.get("from_port"), e.get("to_port")),
            )
            for e in acl["config"].get("entries", [])
            if not e.get("egress")
            and (is_world(e.get("cidr_block")) or is_world(e.get("ipv6_cidr_block")))
        ]
        self.g.node(self.ix, acl, "network")
        steps.append({"resource": self.ix.key(acl), "why": "network ACL admits the traffic"})
        return _Route(steps, entries, True)

    def _load_balancer(self, lb: Document) -> None:
        config = lb.get("config", {})
        key = self.ix.key(lb)
        node = self.g.node(self.ix, lb, "compute")
        if config.get("scheme") != "internet-facing":
            node["exposure"] = exposure("network", [{"rule": "internal scheme"}])
            return
        listeners = [
            PortRange(int(li["port"]), int(li["port"]), "tcp")
            for li in config.get("listeners", [])
            if li.get("port") is not None
        ]
        groups = config.get("security_group_ids") or []
        try:
            world, evidence, _, _ = self._security_groups(groups)
        except LookupError:
            node["exposure"] = exposure("unknown", [{"rule": "security group not collected"}])
            self.g.edge(INTERNET, key, "network", "security group not collected", known=False)
            return
        open_ports = [p for p in listeners if not groups or any(p.overlaps(w) for w in world)]
        if not open_ports:
            node["exposure"] = exposure("network", evidence)
            return
        ports = ", ".join(str(p) for p in open_ports)
        node["exposure"] = exposure(
            "internet",
            [
                *evidence,
                {"rule": "internet-facing listeners", "ports": [p.as_list() for p in open_ports]},
            ],
            summary=f"internet-facing load balancer listening on {ports}",
        )
        self.g.edge(INTERNET, key, "network", f"internet-facing, listening on {ports}")
        for tg in self.ix.by("aws_lb_target_group", "load_balancer_arns", str(lb["id"])):
            tg_key = self.ix.key(tg)
            self.g.node(self.ix, tg, "network")
            self.g.edge(key, tg_key, "network", f"forwards to target group {tg['name']}")
            for target in tg.get("config", {}).get("target_ids", []):
                for inst in self.ix.by("aws_instance", "instance_id", str(target)):
                    self.g.edge(tg_key, self.ix.key(inst), "network", "registered target")

    def _database(self, db: Document) -> None:
        config = db.get("config", {})
        key = self.ix.key(db)
        node = self.g.nodes[key]
        if not config.get("publicly_accessible"):
            node["exposure"] = exposure("network", [{"rule": "not publicly accessible"}])
            return
        try:
            world, evidence, sg_keys, _ = self._security_groups(
                config.get("vpc_security_group_ids", [])
            )
        except LookupError:
            node["exposure"] = exposure("unknown", [{"rule": "security group not collected"}])
            self.g.edge(INTERNET, key, "network", "security group not collected", known=False)
            return
        if not world:
            node["exposure"] = exposure(
                "network",
                [{"rule": "publicly accessible, but no security group admits the internet"}],
            )
            return
        ports = ", ".join(str(r) for r in merge(world))
        chain = [
            {"resource": k, "why": f"security group admits {ports} from anywhere"} for k in sg_keys
        ]
        for sg_key in sg_keys:
            self.g.edge(sg_key, key, "network", f"attached security group admits {ports}")
        subnet_ids = config.get("subnet_ids")
        if subnet_ids is None:
            node["exposure"] = exposure(
                "internet", [*evidence, {"rule": "publicly accessible", "route": "not read"}], chain
            )
            self.g.edge(
                INTERNET, key, "network", f"publicly accessible; {ports} open from anywhere"
            )
            return
        routes = [
            self._route_to_internet(str(s), str(config.get("vpc_id", ""))) for s in subnet_ids
        ]
        found = [r for r in routes if isinstance(r, _Route)]
        if found:
            steps = found[0].steps
            node["exposure"] = exposure(
                "internet", [*evidence, {"rule": "publicly accessible"}], [*steps, *chain]
            )
            self.g.edge(
                INTERNET, key, "network", f"publicly accessible; {ports} open from anywhere"
            )
        elif "unknown" in routes:
            node["exposure"] = exposure(
                "unknown", [*evidence, {"rule": "route table not collected"}]
            )
            self.g.edge(INTERNET, key, "network", "route table not collected", known=False)
        else:
            node["exposure"] = exposure(
                "network", [*evidence, {"rule": "no subnet routes to an internet gateway"}]
            )

    def _bucket(self, bucket: Document) -> None:
        config = bucket.get("config", {})
        key = self.ix.key(bucket)
        node = self.g.nodes[key]
        unknown = set(bucket.get("unknown", []))
        bucket_block = config.get("public_access_block") or {}
        account_block: Mapping[str, Any] = {}
        for account in self.ix.of("aws_account"):
            account_block = account.get("config", {}).get("s3_public_access_block") or {}

        def blocked(field: str) -> bool:
            return bool(bucket_block.get(field) or account_block.get(field))

        evidence: list[dict[str, Any]] = []
        grants = [
            g
            for g in config.get("acl_grants", [])
            if str(g.get("grantee_uri") or "").rsplit("/", 1)[-1] in _PUBLIC_GRANTEES
        ]
        if grants and not blocked("ignore_public_acls"):
            evidence += [
                {
                    "rule": "ACL grant",
                    "grantee": g.get("grantee_uri"),
                    "permission": g.get("permission"),
                }
                for g in grants
            ]
        if config.get("policy_is_public") and not blocked("restrict_public_buckets"):
            evidence.append({"rule": "bucket policy", "public": True})
        if evidence:
            what = "; ".join(
                f"{e['grantee'].rsplit('/', 1)[-1]} granted {e['permission']}"
                if "grantee" in e
                else "bucket policy is public"
                for e in evidence
            )
            node["exposure"] = exposure("internet", evidence, summary=f"public: {what}")
            self.g.edge(INTERNET, key, "data", f"public: {what}")
        elif unknown & {"policy", "acl_grants", "policy_is_public", "public_access_block"}:
            node["exposure"] = exposure(
                "unknown", [{"rule": "not collected: " + ", ".join(sorted(unknown))}]
            )
            self.g.edge(INTERNET, key, "data", "bucket policy or ACL not collected", known=False)
        else:
            node["exposure"] = exposure("none", [{"rule": "no public grant or policy"}])

    def _function(self, fn: Document) -> None:
        config = fn.get("config", {})
        key = self.ix.key(fn)
        node = self.g.node(self.ix, fn, "compute")
        if "NONE" in (config.get("url_auth_types") or []):
            node["exposure"] = exposure(
                "internet",
                [{"rule": "function URL without authentication"}],
                summary="function URL with auth type NONE",
            )
            self.g.edge(INTERNET, key, "network", "function URL with auth type NONE")
        else:
            node["exposure"] = exposure("none", [])
        if config.get("role_arn"):
            self._role_edge(key, str(config["role_arn"]), "execution role")


def _data_attributes(doc: Document) -> dict[str, Any]:
    config = doc.get("config", {})
    encrypted: Any = None
    if doc["type"] == "aws_s3_bucket":
        encrypted = bool((config.get("encryption") or {}).get("sse_algorithm"))
    elif "storage_encrypted" in config:
        encrypted = bool(config["storage_encrypted"])
    elif "encrypted" in config:
        encrypted = bool(config["encrypted"])
    return {"encrypted": encrypted}
