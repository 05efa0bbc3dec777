"""RDS instances, clusters and snapshots, DB subnet groups, EFS file systems (per region).

DescribeDBInstances carries each instance's subnet group whole; DescribeDBClusters only
names it, so the groups are listed too (a field source: if that listing fails, the
clusters' subnets are unknown)."""

from __future__ import annotations

from typing import Any

from cspm_opa.collect.aws.api import Api, CallFailed
from cspm_opa.collect.aws.runner import Outcome, Unit
from cspm_opa.collect.aws.units import listing_failed, listing_unit, try_call
from cspm_opa.normalize.aws import Record

__all__ = ["storage_units"]

SNAPSHOTS = ("aws_db_snapshot",)


def storage_units(region: str) -> list[Unit]:
    return [
        listing_unit(
            "rds",
            region,
            "describe_db_instances",
            "DBInstances",
            kind="rds.instances",
            resource_types=("aws_db_instance",),
        ),
        listing_unit(
            "rds",
            region,
            "describe_db_clusters",
            "DBClusters",
            kind="rds.clusters",
            resource_types=("aws_rds_cluster",),
        ),
        listing_unit(
            "rds",
            region,
            "describe_db_subnet_groups",
            "DBSubnetGroups",
            kind="rds.subnet_groups",
        ),
        Unit("rds", region, SNAPSHOTS, lambda api: _snapshots(api, region)),
        listing_unit(
            "efs",
            region,
            "describe_file_systems",
            "FileSystems",
            kind="efs.file_systems",
            resource_types=("aws_efs_file_system",),
        ),
    ]


def _snapshots(api: Api, region: str) -> Outcome:
    try:
        snapshots = api.pages("rds", region, "describe_db_snapshots", "DBSnapshots")
    except CallFailed as exc:
        return listing_failed("rds", region, exc, SNAPSHOTS)
    records, followups = [], []
    for snapshot in snapshots:
        if snapshot.get("SnapshotType") == "manual":
            followups.append(_attributes_unit(snapshot, region))
        else:  # automated snapshots cannot be shared: no attributes to ask for
            records.append(Record("rds.snapshot", region, {"Snapshot": snapshot, "Attributes": []}))
    return Outcome(records=records, followups=followups)


def _attributes_unit(snapshot: dict[str, Any], region: str) -> Unit:
    def run(api: Api) -> Outcome:
        failed: dict[str, str] = {}
        found = try_call(
            api,
            failed,
            "rds",
            region,
            "describe_db_snapshot_attributes",
            DBSnapshotIdentifier=snapshot["DBSnapshotIdentifier"],
        )
        result = (found or {}).get("DBSnapshotAttributesResult") or {}
        data = {"Snapshot": snapshot, "Attributes": result.get("DBSnapshotAttributes", [])}
        return Outcome(records=[Record("rds.snapshot", region, data, failed)])

    return Unit("rds", region, SNAPSHOTS, run)
