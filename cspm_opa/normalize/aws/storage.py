"""RDS instances and snapshots, and EFS file systems."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cspm_opa.normalize.aws.common import Document, resource, tag_map
from cspm_opa.normalize.aws.facts import Facts, Record

__all__ = ["STORAGE_TYPES", "storage_resources"]

STORAGE_TYPES = ("aws_db_instance", "aws_db_snapshot", "aws_efs_file_system")


_EFS_STATES = {"creating", "available", "updating", "deleting", "deleted", "error"}


def storage_resources(facts: Facts, region: str) -> list[Document]:
    """RDS and EFS documents of one region."""
    docs: list[Document] = []
    for record in facts.of("rds.instances", region):
        docs.extend(_db_instance(i, region) for i in record.data.get("DBInstances", []))
    docs.extend(_db_snapshot(r) for r in facts.of("rds.snapshot", region))
    for record in facts.of("efs.file_systems", region):
        docs.extend(_file_system(f, region) for f in record.data.get("FileSystems", []))
    return docs


def _db_instance(raw: Mapping[str, Any], region: str) -> Document:
    name = raw["DBInstanceIdentifier"]
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
        "vpc_security_group_ids": [
            g["VpcSecurityGroupId"] for g in raw.get("VpcSecurityGroups", [])
        ],
    }
    return resource(
        "aws_db_instance",
        raw["DBInstanceArn"],
        name,
        region,
        config,
        tags=tag_map(raw.get("TagList")),
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
