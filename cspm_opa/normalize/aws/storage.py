"""RDS instances, clusters and snapshots, and EFS file systems."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cspm_opa.normalize.aws.common import Document, resource, tag_map
from cspm_opa.normalize.aws.facts import Facts, Record

__all__ = ["STORAGE_TYPES", "storage_resources"]

STORAGE_TYPES = ("aws_db_instance", "aws_rds_cluster", "aws_db_snapshot", "aws_efs_file_system")

# DescribeDBClusters also lists DocumentDB and Neptune clusters: not RDS, not these checks.
_NOT_RDS_ENGINES = ("docdb", "neptune")


_EFS_STATES = {"creating", "available", "updating", "deleting", "deleted", "error"}


def storage_resources(facts: Facts, region: str) -> list[Document]:
    """RDS and EFS documents of one region."""
    docs: list[Document] = []
    for record in facts.of("rds.instances", region):
        docs.extend(_db_instance(i, region) for i in record.data.get("DBInstances", []))
    groups = _subnet_groups(facts, region)
    for record in facts.of("rds.clusters", region):
        docs.extend(
            _db_cluster(c, region, groups)
            for c in record.data.get("DBClusters", [])
            if c.get("Engine", "") not in _NOT_RDS_ENGINES
        )
    docs.extend(_db_snapshot(r) for r in facts.of("rds.snapshot", region))
    for record in facts.of("efs.file_systems", region):
        docs.extend(_file_system(f, region) for f in record.data.get("FileSystems", []))
    return docs


def _subnet_groups(facts: Facts, region: str) -> dict[str, Mapping[str, Any]] | None:
    """DB subnet groups by name; None when their listing failed or was not made."""
    record = facts.one("rds.subnet_groups", region)
    if record is None or record.failed:
        return None
    return {str(g["DBSubnetGroupName"]): g for g in record.data.get("DBSubnetGroups", [])}


def _placement(group: Any) -> tuple[dict[str, Any], list[str]]:
    """``vpc_id`` and ``subnet_ids`` from a DB subnet group, and the fields unknown."""
    if not isinstance(group, Mapping):
        return {"vpc_id": None, "subnet_ids": None}, ["subnet_ids", "vpc_id"]
    subnets = [
        str(s["SubnetIdentifier"]) for s in group.get("Subnets", []) if s.get("SubnetIdentifier")
    ]
    return {"vpc_id": group.get("VpcId") or None, "subnet_ids": sorted(subnets)}, []


def _db_instance(raw: Mapping[str, Any], region: str) -> Document:
    name = raw["DBInstanceIdentifier"]
    placement, unknown = _placement(raw.get("DBSubnetGroup"))
    config = {
        "db_instance_identifier": name,
        "engine": raw.get("Engine", ""),
        "engine_version": raw.get("EngineVersion", ""),
        "db_instance_status": raw.get("DBInstanceStatus", ""),
        "storage_encrypted": bool(raw.get("StorageEncrypted", False)),
        "kms_key_id": raw.get("KmsKeyId"),
        "publicly_accessible": bool(raw.get("PubliclyAccessible", False)),
        "auto_minor_version_upgrade": bool(raw.get("AutoMinorVersionUpgrade", False)),
        "multi_az": bool(raw.get("MultiAZ", False)),
        "deletion_protection": bool(raw.get("DeletionProtection", False)),
        "backup_retention_period": int(raw.get("BackupRetentionPeriod", 0)),
        "vpc_security_group_ids": [
            g["VpcSecurityGroupId"] for g in raw.get("VpcSecurityGroups", [])
        ],
        **placement,
    }
    return resource(
        "aws_db_instance",
        raw["DBInstanceArn"],
        name,
        region,
        config,
        tags=tag_map(raw.get("TagList")),
        unknown=unknown,
    )


def _db_cluster(
    raw: Mapping[str, Any], region: str, groups: Mapping[str, Mapping[str, Any]] | None
) -> Document:
    name = raw["DBClusterIdentifier"]
    # DescribeDBClusters names the group; its subnets come from DescribeDBSubnetGroups.
    group = raw.get("DBSubnetGroup")
    placement, unplaced = _placement(
        groups.get(str(group)) if groups is not None and group else None
    )
    engine = raw.get("Engine", "")
    members = sorted(
        raw.get("DBClusterMembers", []), key=lambda m: not m.get("IsClusterWriter", False)
    )
    config = {
        "db_cluster_identifier": name,
        "engine": engine,
        "engine_version": raw.get("EngineVersion", ""),
        "engine_mode": raw.get("EngineMode", "provisioned"),
        "status": raw.get("Status", ""),
        "storage_encrypted": bool(raw.get("StorageEncrypted", False)),
        "kms_key_id": raw.get("KmsKeyId"),
        "deletion_protection": bool(raw.get("DeletionProtection", False)),
        "backup_retention_period": int(raw.get("BackupRetentionPeriod", 0)),
        "iam_database_authentication_enabled": bool(
            raw.get("IAMDatabaseAuthenticationEnabled", False)
        ),
        "multi_az": bool(raw.get("MultiAZ", False)),
        "publicly_accessible": raw.get("PubliclyAccessible"),
        "auto_minor_version_upgrade": raw.get("AutoMinorVersionUpgrade"),
        "members": [
            {
                "db_instance_identifier": m["DBInstanceIdentifier"],
                "writer": bool(m.get("IsClusterWriter", False)),
            }
            for m in members
        ],
        "vpc_security_group_ids": [
            g["VpcSecurityGroupId"] for g in raw.get("VpcSecurityGroups", [])
        ],
        **placement,
    }
    # A Multi-AZ DB cluster (not Aurora) holds these itself: absent, they were not read.
    unknown = (
        []
        if engine.startswith("aurora")
        else [k for k in ("publicly_accessible", "auto_minor_version_upgrade") if config[k] is None]
    )
    return resource(
        "aws_rds_cluster",
        raw["DBClusterArn"],
        name,
        region,
        config,
        tags=tag_map(raw.get("TagList")),
        unknown=[*unknown, *unplaced],
    )


def _db_snapshot(record: Record) -> Document:
    raw = record.data["Snapshot"]
    restore: list[str] = []
    for attribute in record.data.get("Attributes", []):
        if attribute.get("AttributeName") == "restore":
            restore.extend(attribute.get("AttributeValues", []))
    config = {
        "db_snapshot_identifier": raw["DBSnapshotIdentifier"],
        "db_instance_identifier": raw.get("DBInstanceIdentifier", ""),
        "snapshot_type": raw.get("SnapshotType", "manual"),
        "engine": raw.get("Engine", ""),
        "encrypted": bool(raw.get("Encrypted", False)),
        "kms_key_id": raw.get("KmsKeyId"),
        "public": "all" in restore,
        "shared_with_account_ids": sorted(v for v in restore if v != "all"),
    }
    failed = "DescribeDBSnapshotAttributes" in record.failed
    return resource(
        "aws_db_snapshot",
        raw["DBSnapshotArn"],
        raw["DBSnapshotIdentifier"],
        record.region,
        config,
        tags=tag_map(raw.get("TagList")),
        unknown=["public", "shared_with_account_ids"] if failed else [],
    )


def _file_system(raw: Mapping[str, Any], region: str) -> Document:
    fs_id = raw["FileSystemId"]
    tags = tag_map(raw.get("Tags"))
    state = raw.get("LifeCycleState", "available")
    config = {
        "file_system_id": fs_id,
        "life_cycle_state": state if state in _EFS_STATES else "error",
        "encrypted": bool(raw.get("Encrypted", False)),
        "kms_key_id": raw.get("KmsKeyId"),
    }
    return resource(
        "aws_efs_file_system",
        raw["FileSystemArn"],
        raw.get("Name") or tags.get("Name") or fs_id,
        region,
        config,
        tags=tags,
    )
