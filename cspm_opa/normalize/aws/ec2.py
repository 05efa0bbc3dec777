"""EC2 and VPC: instances, security groups, network ACLs, VPCs with their flow logs,
subnets, route tables, internet gateways, EBS volumes and snapshots."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cspm_opa.normalize.aws.common import Document, iso, resource, tag_map
from cspm_opa.normalize.aws.facts import Facts, Record

__all__ = ["EC2_TYPES", "ec2_resources"]

EC2_TYPES = (
    "aws_instance",
    "aws_security_group",
    "aws_network_acl",
    "aws_vpc",
    "aws_subnet",
    "aws_route_table",
    "aws_internet_gateway",
    "aws_ebs_volume",
    "aws_ebs_snapshot",
)


_INSTANCE_STATES = {"pending", "running", "shutting-down", "terminated", "stopping", "stopped"}
_VOLUME_STATES = {"creating", "available", "in-use", "deleting", "deleted", "error"}
_FLOW_DESTINATIONS = {"cloud-watch-logs", "s3", "kinesis-data-firehose"}


class _Ctx:
    """Builds ARNs for one account and region."""

    def __init__(self, facts: Facts, region: str):
        self.partition = facts.partition
        self.account = facts.account_id
        self.region = region

    def arn(self, kind: str, rid: str) -> str:
        return f"arn:{self.partition}:ec2:{self.region}:{self.account}:{kind}/{rid}"


def _name(raw: Mapping[str, Any], fallback: str) -> tuple[str, dict[str, str]]:
    tags = tag_map(raw.get("Tags"))
    return tags.get("Name") or fallback, tags


def _items(facts: Facts, kind: str, region: str, key: str) -> list[dict[str, Any]]:
    record = facts.one(kind, region)
    if record is None or record.failed:
        return []
    items: list[dict[str, Any]] = record.data.get(key, [])
    return items


def ec2_resources(facts: Facts, region: str) -> list[Document]:
    """Every EC2 and VPC resource document of one region."""
    ctx = _Ctx(facts, region)
    docs: list[Document] = []
    for reservation in _items(facts, "ec2.instances", region, "Reservations"):
        docs.extend(_instance(i, ctx) for i in reservation.get("Instances", []))
    docs.extend(
        _security_group(g, ctx)
        for g in _items(facts, "ec2.security_groups", region, "SecurityGroups")
    )
    docs.extend(
        _network_acl(a, ctx) for a in _items(facts, "ec2.network_acls", region, "NetworkAcls")
    )
    flow = facts.one("ec2.flow_logs", region)
    docs.extend(_vpc(v, ctx, flow) for v in _items(facts, "ec2.vpcs", region, "Vpcs"))
    docs.extend(_subnet(s, ctx) for s in _items(facts, "ec2.subnets", region, "Subnets"))
    docs.extend(
        _route_table(t, ctx) for t in _items(facts, "ec2.route_tables", region, "RouteTables")
    )
    docs.extend(
        _internet_gateway(g, ctx)
        for g in _items(facts, "ec2.internet_gateways", region, "InternetGateways")
    )
    docs.extend(_volume(v, ctx) for v in _items(facts, "ec2.volumes", region, "Volumes"))
    docs.extend(_snapshot(r, ctx) for r in facts.of("ec2.snapshot", region))
    return docs


def _instance(raw: Mapping[str, Any], ctx: _Ctx) -> Document:
    instance_id = raw["InstanceId"]
    name, tags = _name(raw, instance_id)
    options = raw.get("MetadataOptions") or {}
    state = (raw.get("State") or {}).get("Name", "running")
    config = {
        "instance_id": instance_id,
        "state": state if state in _INSTANCE_STATES else "running",
        "image_id": raw.get("ImageId", ""),
        "iam_instance_profile_arn": (raw.get("IamInstanceProfile") or {}).get("Arn"),
        "metadata_options": {
            "http_endpoint": options.get("HttpEndpoint", "enabled"),
            "http_tokens": options.get("HttpTokens", "optional"),
            "http_put_response_hop_limit": max(1, int(options.get("HttpPutResponseHopLimit", 1))),
        },
        "vpc_id": raw.get("VpcId"),
        "subnet_id": raw.get("SubnetId"),
        "security_group_ids": [g["GroupId"] for g in raw.get("SecurityGroups", [])],
        "public_ip_address": raw.get("PublicIpAddress"),
    }
    return resource(
        "aws_instance", ctx.arn("instance", instance_id), name, ctx.region, config, tags=tags
    )


def _port(value: Any) -> int | None:
    return None if value is None else int(value)


def _rule(raw: Mapping[str, Any]) -> dict[str, Any]:
    protocol = str(raw.get("IpProtocol", "-1"))
    ported = protocol != "-1"
    return {
        "ip_protocol": protocol,
        "from_port": _port(raw.get("FromPort")) if ported else None,
        "to_port": _port(raw.get("ToPort")) if ported else None,
        "ipv4_cidrs": [r["CidrIp"] for r in raw.get("IpRanges", [])],
        "ipv6_cidrs": [r["CidrIpv6"] for r in raw.get("Ipv6Ranges", [])],
        "source_group_ids": [
            p["GroupId"] for p in raw.get("UserIdGroupPairs", []) if "GroupId" in p
        ],
        "prefix_list_ids": [p["PrefixListId"] for p in raw.get("PrefixListIds", [])],
    }


def _security_group(raw: Mapping[str, Any], ctx: _Ctx) -> Document:
    group_id = raw["GroupId"]
    config = {
        "group_id": group_id,
        "group_name": raw.get("GroupName", group_id),
        "description": raw.get("Description", ""),
        "vpc_id": raw.get("VpcId", ""),
        "ingress": [_rule(r) for r in raw.get("IpPermissions", [])],
        "egress": [_rule(r) for r in raw.get("IpPermissionsEgress", [])],
    }
    return resource(
        "aws_security_group",
        ctx.arn("security-group", group_id),
        raw.get("GroupName", group_id),
        ctx.region,
        config,
        tags=tag_map(raw.get("Tags")),
    )


def _network_acl(raw: Mapping[str, Any], ctx: _Ctx) -> Document:
    acl_id = raw["NetworkAclId"]
    name, tags = _name(raw, acl_id)
    entries = []
    for e in raw.get("Entries", []):
        ports = e.get("PortRange") or {}
        entries.append(
            {
                "rule_number": int(e["RuleNumber"]),
                "egress": bool(e.get("Egress", False)),
                "protocol": str(e.get("Protocol", "-1")),
                "rule_action": e.get("RuleAction", "deny"),
                "cidr_block": e.get("CidrBlock"),
                "ipv6_cidr_block": e.get("Ipv6CidrBlock"),
                "from_port": _port(ports.get("From")),
                "to_port": _port(ports.get("To")),
            }
        )
    config = {
        "network_acl_id": acl_id,
        "vpc_id": raw.get("VpcId", ""),
        "is_default": bool(raw.get("IsDefault", False)),
        "subnet_ids": [a["SubnetId"] for a in raw.get("Associations", []) if "SubnetId" in a],
        "entries": entries,
    }
    return resource(
        "aws_network_acl", ctx.arn("network-acl", acl_id), name, ctx.region, config, tags=tags
    )


def _flow_log(raw: Mapping[str, Any]) -> dict[str, Any]:
    destination = raw.get("LogDestinationType", "cloud-watch-logs")
    delivery = raw.get("DeliverLogsStatus")
    return {
        "flow_log_id": raw["FlowLogId"],
        "flow_log_status": "ACTIVE",
        "traffic_type": raw.get("TrafficType", "ALL"),
        "log_destination_type": destination if destination in _FLOW_DESTINATIONS else "s3",
        "deliver_logs_status": delivery if delivery in ("SUCCESS", "FAILED") else None,
    }


def _vpc(raw: Mapping[str, Any], ctx: _Ctx, flow: Record | None) -> Document:
    vpc_id = raw["VpcId"]
    name, tags = _name(raw, vpc_id)
    logs = [] if flow is None or flow.failed else flow.data.get("FlowLogs", [])
    config = {
        "vpc_id": vpc_id,
        "cidr_block": raw.get("CidrBlock", ""),
        "is_default": bool(raw.get("IsDefault", False)),
        "flow_logs": [
            _flow_log(f)
            for f in logs
            if f.get("ResourceId") == vpc_id and f.get("FlowLogStatus", "ACTIVE") == "ACTIVE"
        ],
    }
    unknown = ["flow_logs"] if flow is None or flow.failed else []
    return resource(
        "aws_vpc", ctx.arn("vpc", vpc_id), name, ctx.region, config, tags=tags, unknown=unknown
    )


def _subnet(raw: Mapping[str, Any], ctx: _Ctx) -> Document:
    subnet_id = raw["SubnetId"]
    name, tags = _name(raw, subnet_id)
    config = {
        "subnet_id": subnet_id,
        "vpc_id": raw.get("VpcId", ""),
        "cidr_block": raw.get("CidrBlock"),
        "availability_zone": raw.get("AvailabilityZone", ""),
        "map_public_ip_on_launch": bool(raw.get("MapPublicIpOnLaunch", False)),
        "default_for_az": bool(raw.get("DefaultForAz", False)),
    }
    return resource("aws_subnet", ctx.arn("subnet", subnet_id), name, ctx.region, config, tags=tags)


# Route target keys in the order AWS documents them, and the target type each names.
_TARGETS = (
    ("NatGatewayId", "nat_gateway"),
    ("VpcPeeringConnectionId", "vpc_peering_connection"),
    ("TransitGatewayId", "transit_gateway"),
    ("EgressOnlyInternetGatewayId", "egress_only_internet_gateway"),
    ("CarrierGatewayId", "carrier_gateway"),
    ("LocalGatewayId", "local_gateway"),
    ("CoreNetworkArn", "core_network"),
    ("InstanceId", "instance"),
    ("NetworkInterfaceId", "network_interface"),
)


def _route(raw: Mapping[str, Any]) -> dict[str, Any]:
    destination = (
        raw.get("DestinationCidrBlock")
        or raw.get("DestinationIpv6CidrBlock")
        or raw.get("DestinationPrefixListId")
        or ""
    )
    target_type, target_id = "other", None
    gateway = raw.get("GatewayId")
    if gateway == "local":
        target_type, target_id = "local", "local"
    elif isinstance(gateway, str):
        target_type = "vpc_endpoint" if gateway.startswith("vpce-") else "gateway"
        target_id = gateway
    else:
        for key, kind in _TARGETS:
            if raw.get(key):
                target_type, target_id = kind, str(raw[key])
                break
    return {
        "destination": destination,
        "target_type": target_type,
        "target_id": target_id,
        "state": raw.get("State"),
    }


def _route_table(raw: Mapping[str, Any], ctx: _Ctx) -> Document:
    table_id = raw["RouteTableId"]
    name, tags = _name(raw, table_id)
    associations = raw.get("Associations", [])
    config = {
        "route_table_id": table_id,
        "vpc_id": raw.get("VpcId", ""),
        "main": any(a.get("Main") for a in associations),
        "subnet_ids": [a["SubnetId"] for a in associations if a.get("SubnetId")],
        "routes": [_route(r) for r in raw.get("Routes", [])],
    }
    return resource(
        "aws_route_table", ctx.arn("route-table", table_id), name, ctx.region, config, tags=tags
    )


def _internet_gateway(raw: Mapping[str, Any], ctx: _Ctx) -> Document:
    igw_id = raw["InternetGatewayId"]
    name, tags = _name(raw, igw_id)
    config = {
        "internet_gateway_id": igw_id,
        "attached_vpc_ids": [a["VpcId"] for a in raw.get("Attachments", []) if a.get("VpcId")],
    }
    return resource(
        "aws_internet_gateway",
        ctx.arn("internet-gateway", igw_id),
        name,
        ctx.region,
        config,
        tags=tags,
    )


def _volume(raw: Mapping[str, Any], ctx: _Ctx) -> Document:
    volume_id = raw["VolumeId"]
    name, tags = _name(raw, volume_id)
    state = raw.get("State", "available")
    config = {
        "volume_id": volume_id,
        "state": state if state in _VOLUME_STATES else "error",
        "volume_type": raw.get("VolumeType", "gp2"),
        "size_gib": max(1, int(raw.get("Size", 1))),
        "encrypted": bool(raw.get("Encrypted", False)),
        "kms_key_id": raw.get("KmsKeyId"),
        "attached_instance_ids": [
            a["InstanceId"] for a in raw.get("Attachments", []) if a.get("InstanceId")
        ],
    }
    return resource(
        "aws_ebs_volume", ctx.arn("volume", volume_id), name, ctx.region, config, tags=tags
    )


def _snapshot(record: Record, ctx: _Ctx) -> Document:
    raw = record.data["Snapshot"]
    snapshot_id = raw["SnapshotId"]
    name, tags = _name(raw, snapshot_id)
    permissions = record.data.get("CreateVolumePermissions", [])
    config = {
        "snapshot_id": snapshot_id,
        "volume_id": raw.get("VolumeId"),
        "state": raw.get("State", "completed"),
        "encrypted": bool(raw.get("Encrypted", False)),
        "kms_key_id": raw.get("KmsKeyId"),
        "start_time": iso(raw["StartTime"]),
        "public": any(p.get("Group") == "all" for p in permissions),
        "shared_with_account_ids": sorted(p["UserId"] for p in permissions if p.get("UserId")),
    }
    failed = "DescribeSnapshotAttribute" in record.failed
    return resource(
        "aws_ebs_snapshot",
        # Snapshot ARNs name no account: arn:aws:ec2:<region>::snapshot/<id>.
        f"arn:{ctx.partition}:ec2:{ctx.region}::snapshot/{snapshot_id}",
        name,
        ctx.region,
        config,
        tags=tags,
        unknown=["public", "shared_with_account_ids"] if failed else [],
    )
