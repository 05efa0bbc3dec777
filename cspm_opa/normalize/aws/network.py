"""What joins the network graph together: network interfaces and elastic IPs (EC2), and
load balancer target groups with their registered targets (ELBv2).

None of these is judged by a check of its own; the risk layer reads them to find every
public address of an instance and what a load balancer forwards to. A target group
whose DescribeTargetHealth failed names ``target_ids`` and ``targets`` unknown, so a
balancer's reach is "not collected", never "nothing registered".
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cspm_opa.normalize.aws.common import Document, resource, tag_map
from cspm_opa.normalize.aws.facts import Facts, Record

__all__ = [
    "INTERFACE_TYPES",
    "TARGET_GROUP_TYPES",
    "interface_resources",
    "target_group_resources",
]

INTERFACE_TYPES = ("aws_network_interface", "aws_eip")
TARGET_GROUP_TYPES = ("aws_lb_target_group",)

_TARGET_TYPES = {"instance", "ip", "lambda", "alb"}


def _arn(facts: Facts, region: str, kind: str, rid: str) -> str:
    return f"arn:{facts.partition}:ec2:{region}:{facts.account_id}:{kind}/{rid}"


def _listed(facts: Facts, kind: str, region: str, key: str) -> list[dict[str, Any]]:
    record = facts.one(kind, region)
    if record is None or record.failed:
        return []
    items: list[dict[str, Any]] = record.data.get(key, [])
    return items


def _text(value: Any) -> str | None:
    """AWS's id fields, with "" (moto's "not associated") read as absent."""
    return str(value) if value else None


def interface_resources(facts: Facts, region: str) -> list[Document]:
    """Network interface and elastic IP documents of one region."""
    docs = [
        _interface(raw, facts, region)
        for raw in _listed(facts, "ec2.network_interfaces", region, "NetworkInterfaces")
    ]
    docs.extend(
        _address(raw, facts, region) for raw in _listed(facts, "ec2.addresses", region, "Addresses")
    )
    return docs


def _interface(raw: Mapping[str, Any], facts: Facts, region: str) -> Document:
    eni_id = raw["NetworkInterfaceId"]
    tags = tag_map(raw.get("TagSet") or raw.get("Tags"))
    private = raw.get("PrivateIpAddresses") or []
    public_ips = [
        str(p["Association"]["PublicIp"])
        for p in private
        if (p.get("Association") or {}).get("PublicIp")
    ]
    primary = (raw.get("Association") or {}).get("PublicIp")
    if primary and primary not in public_ips:
        public_ips.insert(0, str(primary))
    config = {
        "network_interface_id": eni_id,
        "interface_type": raw.get("InterfaceType", "interface"),
        "status": raw.get("Status", "in-use"),
        "vpc_id": _text(raw.get("VpcId")),
        "subnet_id": _text(raw.get("SubnetId")),
        "availability_zone": _text(raw.get("AvailabilityZone")),
        "private_ip_addresses": [
            str(p["PrivateIpAddress"]) for p in private if p.get("PrivateIpAddress")
        ]
        or ([str(raw["PrivateIpAddress"])] if raw.get("PrivateIpAddress") else []),
        "public_ip": _text(primary),
        "public_ips": public_ips,
        "attachment_instance_id": _text((raw.get("Attachment") or {}).get("InstanceId")),
        "security_group_ids": [g["GroupId"] for g in raw.get("Groups", []) if g.get("GroupId")],
        "requester_managed": bool(raw.get("RequesterManaged", False)),
        "source_dest_check": bool(raw.get("SourceDestCheck", True)),
    }
    return resource(
        "aws_network_interface",
        _arn(facts, region, "network-interface", eni_id),
        tags.get("Name") or eni_id,
        region,
        config,
        tags=tags,
    )


def _address(raw: Mapping[str, Any], facts: Facts, region: str) -> Document:
    public_ip = str(raw["PublicIp"])
    allocation = _text(raw.get("AllocationId"))
    tags = tag_map(raw.get("Tags"))
    domain = raw.get("Domain", "vpc")
    config = {
        "allocation_id": allocation,
        "public_ip": public_ip,
        "domain": domain if domain in ("vpc", "standard") else "vpc",
        "association_id": _text(raw.get("AssociationId")),
        "instance_id": _text(raw.get("InstanceId")),
        "network_interface_id": _text(raw.get("NetworkInterfaceId")),
        "private_ip_address": _text(raw.get("PrivateIpAddress")),
    }
    return resource(
        "aws_eip",
        _arn(facts, region, "elastic-ip", allocation or public_ip),
        tags.get("Name") or allocation or public_ip,
        region,
        config,
        tags=tags,
    )


def target_group_resources(facts: Facts, region: str) -> list[Document]:
    """Target group documents of one region."""
    return [_target_group(r) for r in facts.of("elbv2.target_group", region)]


def _port(value: Any) -> int | None:
    return None if value is None else int(value)


def _target_group(record: Record) -> Document:
    raw = record.data["TargetGroup"]
    kind = raw.get("TargetType", "instance")
    health = record.data.get("TargetHealthDescriptions", [])
    targets = [
        {
            "id": str(d["Target"]["Id"]),
            "port": _port(d["Target"].get("Port")),
            "health_state": (d.get("TargetHealth") or {}).get("State"),
        }
        for d in health
        if (d.get("Target") or {}).get("Id")
    ]
    config = {
        "target_group_name": raw["TargetGroupName"],
        "target_type": kind if kind in _TARGET_TYPES else "instance",
        "protocol": raw.get("Protocol"),
        "port": _port(raw.get("Port")),
        "vpc_id": _text(raw.get("VpcId")),
        "load_balancer_arns": list(raw.get("LoadBalancerArns", [])),
        "target_ids": sorted({str(t["id"]) for t in targets}),
        "targets": targets,
    }
    unread = "DescribeTargetHealth" in record.failed
    return resource(
        "aws_lb_target_group",
        raw["TargetGroupArn"],
        raw["TargetGroupName"],
        record.region,
        config,
        unknown=["target_ids", "targets"] if unread else [],
    )
