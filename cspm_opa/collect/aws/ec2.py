"""EC2 and VPC (per region): instances, security groups, network ACLs, VPCs, flow logs,
subnets, route tables, internet gateways, network interfaces, elastic IPs, EBS volumes
and snapshots, EBS defaults."""

from __future__ import annotations

from typing import Any

from cspm_opa.collect.aws.api import Api, CallFailed
from cspm_opa.collect.aws.runner import Outcome, Unit
from cspm_opa.collect.aws.units import call_unit, listing_failed, listing_unit, try_call
from cspm_opa.normalize.aws import Record

__all__ = ["ec2_units"]

SNAPSHOTS = ("aws_ebs_snapshot",)


def ec2_units(region: str) -> list[Unit]:
    def listing(method: str, key: str, kind: str, *types: str, **params: Any) -> Unit:
        return listing_unit("ec2", region, method, key, kind=kind, resource_types=types, **params)

    return [
        listing("describe_instances", "Reservations", "ec2.instances", "aws_instance"),
        listing(
            "describe_security_groups",
            "SecurityGroups",
            "ec2.security_groups",
            "aws_security_group",
        ),
        listing("describe_network_acls", "NetworkAcls", "ec2.network_acls", "aws_network_acl"),
        listing("describe_vpcs", "Vpcs", "ec2.vpcs", "aws_vpc"),
        listing("describe_flow_logs", "FlowLogs", "ec2.flow_logs"),
        listing("describe_subnets", "Subnets", "ec2.subnets", "aws_subnet"),
        listing("describe_route_tables", "RouteTables", "ec2.route_tables", "aws_route_table"),
        listing(
            "describe_internet_gateways",
            "InternetGateways",
            "ec2.internet_gateways",
            "aws_internet_gateway",
        ),
        listing(
            "describe_network_interfaces",
            "NetworkInterfaces",
            "ec2.network_interfaces",
            "aws_network_interface",
        ),
        # DescribeAddresses is not paginated: one call answers with every address.
        listing("describe_addresses", "Addresses", "ec2.addresses", "aws_eip"),
        listing("describe_volumes", "Volumes", "ec2.volumes", "aws_ebs_volume"),
        Unit("ec2", region, SNAPSHOTS, lambda api: _snapshots(api, region)),
        call_unit("ec2", region, "get_ebs_encryption_by_default", "ec2.ebs_encryption_by_default"),
    ]


def _snapshots(api: Api, region: str) -> Outcome:
    try:
        snapshots = api.pages("ec2", region, "describe_snapshots", "Snapshots", OwnerIds=["self"])
    except CallFailed as exc:
        return listing_failed("ec2", region, exc, SNAPSHOTS)
    return Outcome(followups=[_permissions_unit(s, region) for s in snapshots])


def _permissions_unit(snapshot: dict[str, Any], region: str) -> Unit:
    """Who may create volumes from the snapshot: the group "all" makes it public."""

    def run(api: Api) -> Outcome:
        failed: dict[str, str] = {}
        found = try_call(
            api,
            failed,
            "ec2",
            region,
            "describe_snapshot_attribute",
            Attribute="createVolumePermission",
            SnapshotId=snapshot["SnapshotId"],
        )
        data = {
            "Snapshot": snapshot,
            "CreateVolumePermissions": (found or {}).get("CreateVolumePermissions", []),
        }
        return Outcome(records=[Record("ec2.snapshot", region, data, failed)])

    return Unit("ec2", region, SNAPSHOTS, run)
