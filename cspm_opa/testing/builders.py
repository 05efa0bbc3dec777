"""Builders of AWS resource documents and snapshots, for tests and the demo estate.

Every resource builder returns a document that validates against
``schemas/resources/<type>.json`` and passes every check of the built-in AWS pack when
evaluated in a snapshot taken at :data:`DEFAULT_TAKEN_AT` (ages such as "access key
created 45 days ago" are fixed dates relative to it). Keyword overrides are deep-merged
into the document, so a test states only what it breaks::

    bucket = s3_bucket("logs", config={"versioning": {"status": "Suspended"}})
    account_doc = account(config={"password_policy": None})

Account-level checks also look at other resources (the multi-region trail, the
AWSSupportAccess policy); :func:`account_baseline` returns a compliant set of those.
Ids are ARNs, except ``aws_account`` (the account id) and ``aws_region_settings``
(``"<account>/<region>"``); short AWS ids (``i-...``, ``sg-...``) are derived from the
builder's arguments, so the same call always yields the same document.
"""

from __future__ import annotations

import copy
import hashlib
import uuid
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = [
    "CIS_METRIC_FILTER_PATTERNS",
    "DEFAULT_ACCOUNT",
    "DEFAULT_REGION",
    "DEFAULT_TAKEN_AT",
    "MONITORING_NAMESPACE",
    "account",
    "account_baseline",
    "cloudtrail_trail",
    "db_cluster",
    "db_instance",
    "db_snapshot",
    "deep_merge",
    "ebs_snapshot",
    "ebs_volume",
    "efs_file_system",
    "eip",
    "iam_group",
    "iam_policy",
    "iam_role",
    "iam_server_certificate",
    "iam_user",
    "instance",
    "internet_gateway",
    "kms_key",
    "lambda_function",
    "lb_target_group",
    "load_balancer",
    "metric_alarm",
    "metric_filter",
    "metric_name",
    "monitoring_baseline",
    "network_acl",
    "network_interface",
    "region_settings",
    "route",
    "route_table",
    "s3_bucket",
    "security_group",
    "sg_rule",
    "snapshot",
    "sns_topic",
    "subnet",
    "support_access_policy",
    "vpc",
]

DEFAULT_ACCOUNT = "111122223333"
DEFAULT_REGION = "us-east-1"
DEFAULT_TAKEN_AT = "2026-11-29T10:00:00Z"

GLOBAL = "global"
WORLD_IPV4 = "0.0.0.0/0"
WORLD_IPV6 = "::/0"

Document = dict[str, Any]


def deep_merge(base: Mapping[str, Any], overrides: Mapping[str, Any]) -> dict[str, Any]:
    """A deep copy of ``base`` with ``overrides`` merged in.

    Where both sides hold a mapping the merge recurses; any other override value (a list,
    a scalar, ``None``) replaces what was there. Neither argument is modified.
    """
    merged = copy.deepcopy(dict(base))
    for key, value in overrides.items():
        current = merged.get(key)
        if isinstance(value, Mapping) and isinstance(current, dict):
            merged[key] = deep_merge(current, value)
        else:
            merged[key] = copy.deepcopy(value)
    return merged


def _short_id(prefix: str, *parts: str) -> str:
    digest = hashlib.sha256("/".join(parts).encode()).hexdigest()
    return f"{prefix}-{digest[:17]}"


def _resource(
    rtype: str,
    rid: str,
    name: str,
    region: str,
    config: Mapping[str, Any],
    *,
    overrides: Mapping[str, Any],
    tags: Mapping[str, str] | None = None,
) -> Document:
    doc: Document = {"id": rid, "type": rtype, "name": name, "region": region}
    if tags is not None:
        doc["tags"] = dict(tags)
    doc["config"] = dict(config)
    return deep_merge(doc, overrides)


def _block_all() -> dict[str, bool]:
    return {
        "block_public_acls": True,
        "ignore_public_acls": True,
        "block_public_policy": True,
        "restrict_public_buckets": True,
    }


# --- account and region settings --------------------------------------------------------


def account(
    account: str = DEFAULT_ACCOUNT, *, name: str | None = None, **overrides: Any
) -> Document:
    """An ``aws_account``: strong password policy, root with hardware MFA, no access keys
    and no recent use, account-wide S3 Block Public Access, and a security contact."""
    config = {
        "password_policy": {
            "minimum_password_length": 14,
            "require_symbols": True,
            "require_numbers": True,
            "require_uppercase_characters": True,
            "require_lowercase_characters": True,
            "allow_users_to_change_password": True,
            "expire_passwords": False,
            "max_password_age": None,
            "password_reuse_prevention": 24,
            "hard_expiry": False,
        },
        "root_user": {"mfa_active": True, "access_keys_present": 0},
        "root_virtual_mfa": False,
        "root_activity": {
            "password_last_used": "2026-03-02T08:15:00Z",
            "access_key_1_last_used": None,
            "access_key_2_last_used": None,
        },
        "s3_public_access_block": _block_all(),
        "organization": None,
        "security_contact_registered": True,
    }
    return _resource("aws_account", account, name or account, GLOBAL, config, overrides=overrides)


def region_settings(
    account: str = DEFAULT_ACCOUNT, region: str = DEFAULT_REGION, **overrides: Any
) -> Document:
    """An ``aws_region_settings``: EBS encryption by default, an external-access analyzer,
    Security Hub, GuardDuty, and an AWS Config recorder of all resource types."""
    config = {
        "ebs_encryption_by_default": True,
        "access_analyzers": [{"name": "external-access", "type": "ACCOUNT", "status": "ACTIVE"}],
        "security_hub_enabled": True,
        "config_recorders": [
            {
                "name": "default",
                "recording": True,
                "all_supported": True,
                "include_global_resource_types": region == DEFAULT_REGION,
                "last_status": "SUCCESS",
            }
        ],
        "guardduty_detectors": [
            {"detector_id": _short_id("gd", account, region)[3:], "status": "ENABLED"}
        ],
    }
    return _resource(
        "aws_region_settings", f"{account}/{region}", region, region, config, overrides=overrides
    )


# --- IAM ----------------------------------------------------------------------------------


def iam_user(name: str = "alice", account: str = DEFAULT_ACCOUNT, **overrides: Any) -> Document:
    """An ``aws_iam_user`` with a console password and MFA, one recent access key in use,
    and permissions only through a group."""
    config = {
        "user_id": _short_id("AIDA", account, name).upper().replace("-", ""),
        "create_date": "2025-06-01T09:00:00Z",
        "password_enabled": True,
        "password_last_used": "2026-11-28T17:42:00Z",
        "mfa_active": True,
        "access_keys": [
            {
                "access_key_id": _short_id("AKIA", account, name).upper().replace("-", ""),
                "status": "Active",
                "create_date": "2026-10-15T09:00:00Z",
                "last_used_date": "2026-11-28T23:10:00Z",
            }
        ],
        "attached_policy_arns": [],
        "inline_policy_names": [],
        "groups": ["developers"],
    }
    return _resource(
        "aws_iam_user",
        f"arn:aws:iam::{account}:user/{name}",
        name,
        GLOBAL,
        config,
        overrides=overrides,
    )


def iam_policy(
    name: str = "app-read",
    account: str = DEFAULT_ACCOUNT,
    *,
    aws_managed: bool = False,
    attached_roles: Sequence[str] = ("app",),
    **overrides: Any,
) -> Document:
    """An ``aws_iam_policy`` (customer managed unless ``aws_managed``) allowing read access
    to one bucket, attached to the given roles."""
    arn = (
        f"arn:aws:iam::aws:policy/{name}"
        if aws_managed
        else f"arn:aws:iam::{account}:policy/{name}"
    )
    config = {
        "aws_managed": aws_managed,
        "attachment_count": len(attached_roles),
        "attached_users": [],
        "attached_groups": [],
        "attached_roles": list(attached_roles),
        "default_version_id": "v1",
        "document": {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Action": ["s3:GetObject", "s3:ListBucket"],
                    "Resource": ["arn:aws:s3:::app-data", "arn:aws:s3:::app-data/*"],
                }
            ],
        },
    }
    return _resource("aws_iam_policy", arn, name, GLOBAL, config, overrides=overrides)


def support_access_policy(
    account: str = DEFAULT_ACCOUNT, role: str = "aws-support", **overrides: Any
) -> Document:
    """The AWS managed ``AWSSupportAccess`` policy attached to a support role."""
    doc = iam_policy("AWSSupportAccess", account, aws_managed=True, attached_roles=[role])
    doc["config"]["document"]["Statement"] = [
        {"Effect": "Allow", "Action": ["support:*"], "Resource": ["*"]}
    ]
    return deep_merge(doc, overrides)


def security_audit_policy(
    account: str = DEFAULT_ACCOUNT, role: str = "security-audit", **overrides: Any
) -> Document:
    """The AWS managed ``SecurityAudit`` policy attached to an auditors' role."""
    doc = iam_policy("SecurityAudit", account, aws_managed=True, attached_roles=[role])
    doc["config"]["document"]["Statement"] = [
        {"Effect": "Allow", "Action": ["iam:Get*", "iam:List*"], "Resource": ["*"]}
    ]
    return deep_merge(doc, overrides)


def iam_server_certificate(
    name: str = "www", account: str = DEFAULT_ACCOUNT, **overrides: Any
) -> Document:
    """An ``aws_iam_server_certificate`` that is still valid."""
    config = {
        "server_certificate_id": _short_id("ASCA", account, name).upper().replace("-", ""),
        "upload_date": "2026-06-30T12:00:00Z",
        "expiration": "2027-06-30T12:00:00Z",
    }
    return _resource(
        "aws_iam_server_certificate",
        f"arn:aws:iam::{account}:server-certificate/{name}",
        name,
        GLOBAL,
        config,
        overrides=overrides,
    )


# --- S3 -----------------------------------------------------------------------------------


def s3_bucket(
    name: str = "logs",
    account: str = DEFAULT_ACCOUNT,
    region: str = DEFAULT_REGION,
    **overrides: Any,
) -> Document:
    """An ``aws_s3_bucket`` denying plain HTTP, blocking public access, encrypted with KMS,
    versioned with MFA delete, and logging to an access-log bucket."""
    arn = f"arn:aws:s3:::{name}"
    config = {
        "policy": {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "DenyInsecureTransport",
                    "Effect": "Deny",
                    "Principal": "*",
                    "Action": ["s3:*"],
                    "Resource": [arn, f"{arn}/*"],
                    "Condition": {"Bool": {"aws:SecureTransport": "false"}},
                }
            ],
        },
        "policy_is_public": False,
        "public_access_block": _block_all(),
        "encryption": {
            "sse_algorithm": "aws:kms",
            "kms_key_id": f"arn:aws:kms:{region}:{account}:alias/s3",
        },
        "versioning": {"status": "Enabled", "mfa_delete": True},
        "logging": {
            "target_bucket": f"access-logs-{account}-{region}",
            "target_prefix": f"{name}/",
        },
        "acl_grants": [],
    }
    return _resource("aws_s3_bucket", arn, name, region, config, overrides=overrides)


# --- EC2 and VPC --------------------------------------------------------------------------


def instance(
    name: str = "web-1",
    account: str = DEFAULT_ACCOUNT,
    region: str = DEFAULT_REGION,
    **overrides: Any,
) -> Document:
    """A running ``aws_instance`` with an instance profile and IMDSv2 required."""
    instance_id = _short_id("i", account, region, name)
    config = {
        "instance_id": instance_id,
        "state": "running",
        "image_id": "ami-0c02fb55956c7d316",
        "iam_instance_profile_arn": f"arn:aws:iam::{account}:instance-profile/{name}",
        "metadata_options": {
            "http_endpoint": "enabled",
            "http_tokens": "required",
            "http_put_response_hop_limit": 1,
        },
        "vpc_id": _short_id("vpc", account, region, "main"),
        "subnet_id": _short_id("subnet", account, region, "private-a"),
        "security_group_ids": [_short_id("sg", account, region, "web")],
        "public_ip_address": None,
    }
    return _resource(
        "aws_instance",
        f"arn:aws:ec2:{region}:{account}:instance/{instance_id}",
        name,
        region,
        config,
        overrides=overrides,
        tags={"Name": name},
    )


def sg_rule(
    protocol: str = "tcp",
    from_port: int | None = 443,
    to_port: int | None = 443,
    *,
    ipv4: Iterable[str] = (),
    ipv6: Iterable[str] = (),
    groups: Iterable[str] = (),
) -> dict[str, Any]:
    """One normalized security group rule (an IpPermission)."""
    return {
        "ip_protocol": protocol,
        "from_port": from_port,
        "to_port": to_port,
        "ipv4_cidrs": list(ipv4),
        "ipv6_cidrs": list(ipv6),
        "source_group_ids": list(groups),
        "prefix_list_ids": [],
    }


def security_group(
    name: str = "web",
    account: str = DEFAULT_ACCOUNT,
    region: str = DEFAULT_REGION,
    **overrides: Any,
) -> Document:
    """An ``aws_security_group``: HTTPS from anywhere and all egress; a group named
    "default" is built with no rules at all, as CIS asks of default groups."""
    group_id = _short_id("sg", account, region, name)
    if name == "default":
        ingress: list[dict[str, Any]] = []
        egress: list[dict[str, Any]] = []
    else:
        ingress = [sg_rule("tcp", 443, 443, ipv4=[WORLD_IPV4], ipv6=[WORLD_IPV6])]
        egress = [sg_rule("-1", None, None, ipv4=[WORLD_IPV4])]
    config = {
        "group_id": group_id,
        "group_name": name,
        "description": f"{name} security group",
        "vpc_id": _short_id("vpc", account, region, "main"),
        "ingress": ingress,
        "egress": egress,
    }
    return _resource(
        "aws_security_group",
        f"arn:aws:ec2:{region}:{account}:security-group/{group_id}",
        name,
        region,
        config,
        overrides=overrides,
    )


def _nacl_entry(
    number: int,
    action: str,
    protocol: str,
    from_port: int | None,
    to_port: int | None,
    *,
    egress: bool = False,
    cidr: str | None = WORLD_IPV4,
    ipv6_cidr: str | None = None,
) -> dict[str, Any]:
    return {
        "rule_number": number,
        "egress": egress,
        "protocol": protocol,
        "rule_action": action,
        "cidr_block": cidr,
        "ipv6_cidr_block": ipv6_cidr,
        "from_port": from_port,
        "to_port": to_port,
    }


def network_acl(
    name: str = "private",
    account: str = DEFAULT_ACCOUNT,
    region: str = DEFAULT_REGION,
    **overrides: Any,
) -> Document:
    """An ``aws_network_acl`` admitting HTTPS and return traffic on Linux ephemeral ports
    (32768-65535) from anywhere, SSH only from the VPC, and denying the rest."""
    acl_id = _short_id("acl", account, region, name)
    config = {
        "network_acl_id": acl_id,
        "vpc_id": _short_id("vpc", account, region, "main"),
        "is_default": False,
        "subnet_ids": [_short_id("subnet", account, region, "private-a")],
        "entries": [
            _nacl_entry(100, "allow", "6", 443, 443),
            _nacl_entry(110, "allow", "6", 32768, 65535),
            _nacl_entry(120, "allow", "6", 22, 22, cidr="10.0.0.0/16"),
            _nacl_entry(32767, "deny", "-1", None, None),
            _nacl_entry(100, "allow", "-1", None, None, egress=True),
            _nacl_entry(32767, "deny", "-1", None, None, egress=True),
        ],
    }
    return _resource(
        "aws_network_acl",
        f"arn:aws:ec2:{region}:{account}:network-acl/{acl_id}",
        name,
        region,
        config,
        overrides=overrides,
    )


def vpc(
    name: str = "main",
    account: str = DEFAULT_ACCOUNT,
    region: str = DEFAULT_REGION,
    **overrides: Any,
) -> Document:
    """An ``aws_vpc`` with an active flow log of all traffic to CloudWatch Logs."""
    vpc_id = _short_id("vpc", account, region, name)
    config = {
        "vpc_id": vpc_id,
        "cidr_block": "10.0.0.0/16",
        "is_default": False,
        "flow_logs": [
            {
                "flow_log_id": _short_id("fl", account, region, name),
                "flow_log_status": "ACTIVE",
                "traffic_type": "ALL",
                "log_destination_type": "cloud-watch-logs",
                "deliver_logs_status": "SUCCESS",
            }
        ],
    }
    return _resource(
        "aws_vpc",
        f"arn:aws:ec2:{region}:{account}:vpc/{vpc_id}",
        name,
        region,
        config,
        overrides=overrides,
        tags={"Name": name},
    )


def ebs_volume(
    name: str = "data",
    account: str = DEFAULT_ACCOUNT,
    region: str = DEFAULT_REGION,
    **overrides: Any,
) -> Document:
    """An encrypted, attached ``aws_ebs_volume``."""
    volume_id = _short_id("vol", account, region, name)
    config = {
        "volume_id": volume_id,
        "state": "in-use",
        "volume_type": "gp3",
        "size_gib": 100,
        "encrypted": True,
        "kms_key_id": f"arn:aws:kms:{region}:{account}:alias/aws/ebs",
        "attached_instance_ids": [_short_id("i", account, region, "web-1")],
    }
    return _resource(
        "aws_ebs_volume",
        f"arn:aws:ec2:{region}:{account}:volume/{volume_id}",
        name,
        region,
        config,
        overrides=overrides,
        tags={"Name": name},
    )


# --- databases and file systems -----------------------------------------------------------


def _private_placement(account: str, region: str) -> dict[str, Any]:
    """A DB subnet group of the "main" VPC's private subnets."""
    return {
        "vpc_id": _short_id("vpc", account, region, "main"),
        "subnet_ids": [_short_id("subnet", account, region, n) for n in ("private-a", "private-b")],
    }


def db_instance(
    name: str = "orders",
    account: str = DEFAULT_ACCOUNT,
    region: str = DEFAULT_REGION,
    **overrides: Any,
) -> Document:
    """A private, encrypted ``aws_db_instance`` with automatic minor version upgrades,
    deletion protection and a week of backups."""
    config = {
        "db_instance_identifier": name,
        "engine": "postgres",
        "engine_version": "16.4",
        "db_instance_status": "available",
        "storage_encrypted": True,
        "kms_key_id": f"arn:aws:kms:{region}:{account}:alias/aws/rds",
        "publicly_accessible": False,
        "auto_minor_version_upgrade": True,
        "multi_az": True,
        "deletion_protection": True,
        "backup_retention_period": 7,
        "vpc_security_group_ids": [_short_id("sg", account, region, f"{name}-db")],
        **_private_placement(account, region),
    }
    return _resource(
        "aws_db_instance",
        f"arn:aws:rds:{region}:{account}:db:{name}",
        name,
        region,
        config,
        overrides=overrides,
    )


def db_cluster(
    name: str = "ledger",
    account: str = DEFAULT_ACCOUNT,
    region: str = DEFAULT_REGION,
    **overrides: Any,
) -> Document:
    """An encrypted Aurora PostgreSQL ``aws_rds_cluster`` across two zones, with deletion
    protection, IAM database authentication and a week of backups. For a Multi-AZ DB
    cluster of plain PostgreSQL pass ``config={"engine": "postgres",
    "publicly_accessible": False, "auto_minor_version_upgrade": True}``."""
    config = {
        "db_cluster_identifier": name,
        "engine": "aurora-postgresql",
        "engine_version": "16.4",
        "engine_mode": "provisioned",
        "status": "available",
        "storage_encrypted": True,
        "kms_key_id": f"arn:aws:kms:{region}:{account}:alias/aws/rds",
        "deletion_protection": True,
        "backup_retention_period": 7,
        "iam_database_authentication_enabled": True,
        "multi_az": True,
        "publicly_accessible": None,
        "auto_minor_version_upgrade": None,
        "members": [
            {"db_instance_identifier": f"{name}-1", "writer": True},
            {"db_instance_identifier": f"{name}-2", "writer": False},
        ],
        "vpc_security_group_ids": [_short_id("sg", account, region, f"{name}-db")],
        **_private_placement(account, region),
    }
    return _resource(
        "aws_rds_cluster",
        f"arn:aws:rds:{region}:{account}:cluster:{name}",
        name,
        region,
        config,
        overrides=overrides,
    )


def efs_file_system(
    name: str = "shared",
    account: str = DEFAULT_ACCOUNT,
    region: str = DEFAULT_REGION,
    **overrides: Any,
) -> Document:
    """An encrypted ``aws_efs_file_system``."""
    fs_id = _short_id("fs", account, region, name)
    config = {
        "file_system_id": fs_id,
        "life_cycle_state": "available",
        "encrypted": True,
        "kms_key_id": f"arn:aws:kms:{region}:{account}:alias/aws/elasticfilesystem",
    }
    return _resource(
        "aws_efs_file_system",
        f"arn:aws:elasticfilesystem:{region}:{account}:file-system/{fs_id}",
        name,
        region,
        config,
        overrides=overrides,
        tags={"Name": name},
    )


# --- logging and keys ---------------------------------------------------------------------


def cloudtrail_trail(
    name: str = "main",
    account: str = DEFAULT_ACCOUNT,
    region: str = DEFAULT_REGION,
    **overrides: Any,
) -> Document:
    """A logging, multi-region ``aws_cloudtrail_trail`` homed in ``region``: all management
    events, S3 object events of every bucket, log file validation, and KMS encryption."""
    config = {
        "home_region": region,
        "is_multi_region_trail": True,
        "is_organization_trail": False,
        "is_logging": True,
        "log_file_validation_enabled": True,
        "kms_key_id": f"arn:aws:kms:{region}:{account}:key/{_key_uuid(account, region, name)}",
        "s3_bucket_name": f"cloudtrail-{account}",
        "cloud_watch_logs_log_group_arn": (
            f"arn:aws:logs:{region}:{account}:log-group:cloudtrail/{name}:*"
        ),
        "event_selectors": [
            {
                "read_write_type": "All",
                "include_management_events": True,
                "data_resources": [{"type": "AWS::S3::Object", "values": ["arn:aws:s3"]}],
            }
        ],
        "advanced_event_selectors": [],
    }
    return _resource(
        "aws_cloudtrail_trail",
        f"arn:aws:cloudtrail:{region}:{account}:trail/{name}",
        name,
        region,
        config,
        overrides=overrides,
    )


def _key_uuid(*parts: str) -> str:
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "/".join(("cspm-opa", *parts))))


def kms_key(
    name: str = "app",
    account: str = DEFAULT_ACCOUNT,
    region: str = DEFAULT_REGION,
    **overrides: Any,
) -> Document:
    """An enabled, customer managed, symmetric ``aws_kms_key`` with yearly rotation."""
    key_id = _key_uuid(account, region, name)
    config = {
        "key_id": key_id,
        "key_manager": "CUSTOMER",
        "key_spec": "SYMMETRIC_DEFAULT",
        "key_usage": "ENCRYPT_DECRYPT",
        "key_state": "Enabled",
        "origin": "AWS_KMS",
        "rotation_enabled": True,
        "rotation_period_in_days": 365,
    }
    return _resource(
        "aws_kms_key",
        f"arn:aws:kms:{region}:{account}:key/{key_id}",
        name,
        region,
        config,
        overrides=overrides,
    )


# --- more IAM, network, snapshots, monitoring, compute ------------------------------------


def iam_role(name: str = "app", account: str = DEFAULT_ACCOUNT, **overrides: Any) -> Document:
    """An ``aws_iam_role`` that EC2 instances assume, with one managed policy."""
    config = {
        "role_id": _short_id("AROA", account, name).upper().replace("-", ""),
        "path": "/",
        "create_date": "2025-06-01T09:00:00Z",
        "assume_role_policy": {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"Service": "ec2.amazonaws.com"},
                    "Action": ["sts:AssumeRole"],
                }
            ],
        },
        "attached_policy_arns": [f"arn:aws:iam::{account}:policy/app-read"],
        "inline_policy_names": [],
        "instance_profile_arns": [f"arn:aws:iam::{account}:instance-profile/{name}"],
        "last_used_date": "2026-11-28T12:00:00Z",
    }
    arn = f"arn:aws:iam::{account}:role/{name}"
    return _resource("aws_iam_role", arn, name, GLOBAL, config, overrides=overrides)


def iam_group(
    name: str = "developers", account: str = DEFAULT_ACCOUNT, **overrides: Any
) -> Document:
    """An ``aws_iam_group`` with one managed policy and one member."""
    config = {
        "group_id": _short_id("AGPA", account, name).upper().replace("-", ""),
        "attached_policy_arns": [f"arn:aws:iam::{account}:policy/app-read"],
        "inline_policy_names": [],
        "member_user_names": ["alice"],
    }
    arn = f"arn:aws:iam::{account}:group/{name}"
    return _resource("aws_iam_group", arn, name, GLOBAL, config, overrides=overrides)


def subnet(
    name: str = "private-a",
    account: str = DEFAULT_ACCOUNT,
    region: str = DEFAULT_REGION,
    **overrides: Any,
) -> Document:
    """A private ``aws_subnet`` of the "main" VPC."""
    subnet_id = _short_id("subnet", account, region, name)
    config = {
        "subnet_id": subnet_id,
        "vpc_id": _short_id("vpc", account, region, "main"),
        "cidr_block": "10.0.1.0/24",
        "availability_zone": f"{region}a",
        "map_public_ip_on_launch": False,
        "default_for_az": False,
    }
    arn = f"arn:aws:ec2:{region}:{account}:subnet/{subnet_id}"
    return _resource("aws_subnet", arn, name, region, config, overrides=overrides)


def route(
    destination: str, target_type: str, target_id: str | None, state: str = "active"
) -> dict[str, Any]:
    """One normalized route of a route table."""
    return {
        "destination": destination,
        "target_type": target_type,
        "target_id": target_id,
        "state": state,
    }


def route_table(
    name: str = "private",
    account: str = DEFAULT_ACCOUNT,
    region: str = DEFAULT_REGION,
    **overrides: Any,
) -> Document:
    """An ``aws_route_table``: the VPC's local route, a NAT gateway for egress, and a
    peering route limited to one peer subnet."""
    table_id = _short_id("rtb", account, region, name)
    config = {
        "route_table_id": table_id,
        "vpc_id": _short_id("vpc", account, region, "main"),
        "main": False,
        "subnet_ids": [_short_id("subnet", account, region, "private-a")],
        "routes": [
            route("10.0.0.0/16", "local", "local"),
            route("0.0.0.0/0", "nat_gateway", _short_id("nat", account, region, name)),
            route("10.1.4.0/24", "vpc_peering_connection", _short_id("pcx", account, region)),
        ],
    }
    arn = f"arn:aws:ec2:{region}:{account}:route-table/{table_id}"
    return _resource("aws_route_table", arn, name, region, config, overrides=overrides)


def internet_gateway(
    name: str = "main",
    account: str = DEFAULT_ACCOUNT,
    region: str = DEFAULT_REGION,
    **overrides: Any,
) -> Document:
    """An ``aws_internet_gateway`` attached to the "main" VPC."""
    igw_id = _short_id("igw", account, region, name)
    config = {
        "internet_gateway_id": igw_id,
        "attached_vpc_ids": [_short_id("vpc", account, region, "main")],
    }
    arn = f"arn:aws:ec2:{region}:{account}:internet-gateway/{igw_id}"
    return _resource("aws_internet_gateway", arn, name, region, config, overrides=overrides)


def network_interface(
    name: str = "web-1",
    account: str = DEFAULT_ACCOUNT,
    region: str = DEFAULT_REGION,
    **overrides: Any,
) -> Document:
    """The primary ``aws_network_interface`` of :func:`instance` ``name``: in the private
    subnet, behind its security group, no public address."""
    eni_id = _short_id("eni", account, region, name)
    config = {
        "network_interface_id": eni_id,
        "interface_type": "interface",
        "status": "in-use",
        "vpc_id": _short_id("vpc", account, region, "main"),
        "subnet_id": _short_id("subnet", account, region, "private-a"),
        "availability_zone": f"{region}a",
        "private_ip_addresses": ["10.0.1.10"],
        "public_ip": None,
        "public_ips": [],
        "attachment_instance_id": _short_id("i", account, region, name),
        "security_group_ids": [_short_id("sg", account, region, "web")],
        "requester_managed": False,
        "source_dest_check": True,
    }
    arn = f"arn:aws:ec2:{region}:{account}:network-interface/{eni_id}"
    return _resource("aws_network_interface", arn, name, region, config, overrides=overrides)


def eip(
    name: str = "nat",
    account: str = DEFAULT_ACCOUNT,
    region: str = DEFAULT_REGION,
    **overrides: Any,
) -> Document:
    """An ``aws_eip`` of the VPC, associated with nothing (say with what through
    ``config={"instance_id": ..., "network_interface_id": ...}``)."""
    allocation = _short_id("eipalloc", account, region, name)
    config = {
        "allocation_id": allocation,
        "public_ip": "198.51.100.10",
        "domain": "vpc",
        "association_id": None,
        "instance_id": None,
        "network_interface_id": None,
        "private_ip_address": None,
    }
    arn = f"arn:aws:ec2:{region}:{account}:elastic-ip/{allocation}"
    return _resource("aws_eip", arn, name, region, config, overrides=overrides, tags={"Name": name})


def lb_target_group(
    name: str = "web",
    account: str = DEFAULT_ACCOUNT,
    region: str = DEFAULT_REGION,
    **overrides: Any,
) -> Document:
    """An HTTPS ``aws_lb_target_group`` of :func:`load_balancer` ``name``, with
    :func:`instance` "web-1" registered and healthy."""
    target = _short_id("i", account, region, "web-1")
    config = {
        "target_group_name": name,
        "target_type": "instance",
        "protocol": "HTTPS",
        "port": 443,
        "vpc_id": _short_id("vpc", account, region, "main"),
        "load_balancer_arns": [_load_balancer_arn(name, account, region)],
        "target_ids": [target],
        "targets": [{"id": target, "port": 443, "health_state": "healthy"}],
    }
    suffix = _short_id("tg", account, region, name)[3:19]
    arn = f"arn:aws:elasticloadbalancing:{region}:{account}:targetgroup/{name}/{suffix}"
    return _resource("aws_lb_target_group", arn, name, region, config, overrides=overrides)


def ebs_snapshot(
    name: str = "data-backup",
    account: str = DEFAULT_ACCOUNT,
    region: str = DEFAULT_REGION,
    **overrides: Any,
) -> Document:
    """A private, encrypted ``aws_ebs_snapshot`` of the "data" volume."""
    snapshot_id = _short_id("snap", account, region, name)
    config = {
        "snapshot_id": snapshot_id,
        "volume_id": _short_id("vol", account, region, "data"),
        "state": "completed",
        "encrypted": True,
        "kms_key_id": f"arn:aws:kms:{region}:{account}:alias/aws/ebs",
        "start_time": "2026-11-01T02:00:00Z",
        "public": False,
        "shared_with_account_ids": [],
    }
    arn = f"arn:aws:ec2:{region}:{account}:snapshot/{snapshot_id}"
    return _resource(
        "aws_ebs_snapshot", arn, name, region, config, overrides=overrides, tags={"Name": name}
    )


def db_snapshot(
    name: str = "orders-final",
    account: str = DEFAULT_ACCOUNT,
    region: str = DEFAULT_REGION,
    **overrides: Any,
) -> Document:
    """A private, encrypted manual ``aws_db_snapshot`` of the "orders" instance."""
    config = {
        "db_snapshot_identifier": name,
        "db_instance_identifier": "orders",
        "snapshot_type": "manual",
        "engine": "postgres",
        "encrypted": True,
        "kms_key_id": f"arn:aws:kms:{region}:{account}:alias/aws/rds",
        "public": False,
        "shared_with_account_ids": [],
    }
    arn = f"arn:aws:rds:{region}:{account}:snapshot:{name}"
    return _resource("aws_db_snapshot", arn, name, region, config, overrides=overrides)


def _any_event(*names: str, source: str | None = None) -> str:
    """A filter pattern matching any of the event names (of one event source)."""
    either = " || ".join(f"($.eventName = {name})" for name in names)
    if source is None:
        return "{ " + either + " }"
    return "{ ($.eventSource = " + source + ") && (" + either + ") }"


# The CloudWatch Logs filter patterns of CIS AWS Foundations v5.0 section 4, by control id:
# what a metric filter on the CloudTrail log group matches for each monitored event.
CIS_METRIC_FILTER_PATTERNS: dict[str, str] = {
    "4.1": '{ ($.errorCode = "*UnauthorizedOperation") || ($.errorCode = "AccessDenied*") '
    '&& ($.sourceIPAddress != "delivery.logs.amazonaws.com") && ($.eventName != "HeadBucket") }',
    "4.2": '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") '
    '&& ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
    "4.3": '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS '
    '&& $.eventType != "AwsServiceEvent" }',
    "4.4": _any_event(
        "DeleteGroupPolicy", "DeleteRolePolicy", "DeleteUserPolicy", "PutGroupPolicy",
        "PutRolePolicy", "PutUserPolicy", "CreatePolicy", "DeletePolicy", "CreatePolicyVersion",
        "DeletePolicyVersion", "AttachRolePolicy", "DetachRolePolicy", "AttachUserPolicy",
        "DetachUserPolicy", "AttachGroupPolicy", "DetachGroupPolicy"),
    "4.5": _any_event("CreateTrail", "UpdateTrail", "DeleteTrail", "StartLogging", "StopLogging"),
    "4.6": '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
    "4.7": _any_event("DisableKey", "ScheduleKeyDeletion", source="kms.amazonaws.com"),
    "4.8": _any_event(
        "PutBucketAcl", "PutBucketPolicy", "PutBucketCors", "PutBucketLifecycle",
        "PutBucketReplication", "DeleteBucketPolicy", "DeleteBucketCors",
        "DeleteBucketLifecycle", "DeleteBucketReplication", source="s3.amazonaws.com"),
    "4.9": _any_event(
        "StopConfigurationRecorder", "DeleteDeliveryChannel", "PutDeliveryChannel",
        "PutConfigurationRecorder", source="config.amazonaws.com"),
    "4.10": _any_event(
        "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress",
        "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress", "CreateSecurityGroup",
        "DeleteSecurityGroup"),
    "4.11": _any_event(
        "CreateNetworkAcl", "CreateNetworkAclEntry", "DeleteNetworkAcl", "DeleteNetworkAclEntry",
        "ReplaceNetworkAclEntry", "ReplaceNetworkAclAssociation"),
    "4.12": _any_event(
        "CreateCustomerGateway", "DeleteCustomerGateway", "AttachInternetGateway",
        "CreateInternetGateway", "DeleteInternetGateway", "DetachInternetGateway"),
    "4.13": _any_event(
        "CreateRoute", "CreateRouteTable", "ReplaceRoute", "ReplaceRouteTableAssociation",
        "DeleteRouteTable", "DeleteRoute", "DisassociateRouteTable", source="ec2.amazonaws.com"),
    "4.14": _any_event(
        "CreateVpc", "DeleteVpc", "ModifyVpcAttribute", "AcceptVpcPeeringConnection",
        "CreateVpcPeeringConnection", "DeleteVpcPeeringConnection", "RejectVpcPeeringConnection",
        "AttachClassicLinkVpc", "DetachClassicLinkVpc", "DisableVpcClassicLink",
        "EnableVpcClassicLink"),
    "4.15": _any_event(
        "AcceptHandshake", "AttachPolicy", "CreateAccount", "CreateOrganizationalUnit",
        "CreatePolicy", "DeclineHandshake", "DeleteOrganization", "DeleteOrganizationalUnit",
        "DeletePolicy", "DetachPolicy", "DisablePolicyType", "EnablePolicyType",
        "InviteAccountToOrganization", "LeaveOrganization", "MoveAccount",
        "RemoveAccountFromOrganization", "UpdatePolicy", "UpdateOrganizationalUnit",
        source="organizations.amazonaws.com"),
}  # fmt: skip

MONITORING_NAMESPACE = "CISBenchmark"


def metric_name(control: str) -> str:
    """The metric the builders (and the moto estate) use for a CIS section 4 control."""
    return "cis-" + control.replace(".", "-")


def log_group(
    name: str = "cloudtrail/main",
    account: str = DEFAULT_ACCOUNT,
    region: str = DEFAULT_REGION,
    **overrides: Any,
) -> Document:
    """An ``aws_cloudwatch_log_group`` keeping its events for a year (the group the "main"
    trail of :func:`cloudtrail_trail` delivers to, by default)."""
    config = {"log_group_name": name, "retention_in_days": 365, "kms_key_id": None}
    rid = f"arn:aws:logs:{region}:{account}:log-group:{name}"
    return _resource("aws_cloudwatch_log_group", rid, name, region, config, overrides=overrides)


def metric_filter(
    control: str = "4.1",
    account: str = DEFAULT_ACCOUNT,
    region: str = DEFAULT_REGION,
    log_group: str = "cloudtrail/main",
    **overrides: Any,
) -> Document:
    """An ``aws_cloudwatch_log_metric_filter`` with the CIS pattern of ``control``, on the
    log group the "main" trail of :func:`cloudtrail_trail` delivers to."""
    name = metric_name(control)
    group_arn = f"arn:aws:logs:{region}:{account}:log-group:{log_group}"
    config = {
        "filter_name": name,
        "log_group_name": log_group,
        "log_group_arn": group_arn,
        "filter_pattern": CIS_METRIC_FILTER_PATTERNS[control],
        "metric_transformations": [{"metric_name": name, "metric_namespace": MONITORING_NAMESPACE}],
    }
    rid = f"{group_arn}:metric-filter:{name}"
    return _resource(
        "aws_cloudwatch_log_metric_filter", rid, name, region, config, overrides=overrides
    )


def metric_alarm(
    control: str = "4.1",
    account: str = DEFAULT_ACCOUNT,
    region: str = DEFAULT_REGION,
    topic: str = "security-alerts",
    **overrides: Any,
) -> Document:
    """An ``aws_cloudwatch_metric_alarm`` on the metric of :func:`metric_filter`, notifying
    an SNS topic."""
    name = metric_name(control)
    config = {
        "alarm_name": name,
        "metrics": [{"metric_name": name, "namespace": MONITORING_NAMESPACE}],
        "actions_enabled": True,
        "alarm_actions": [f"arn:aws:sns:{region}:{account}:{topic}"],
        "state_value": "OK",
    }
    arn = f"arn:aws:cloudwatch:{region}:{account}:alarm:{name}"
    return _resource("aws_cloudwatch_metric_alarm", arn, name, region, config, overrides=overrides)


def sns_topic(
    name: str = "security-alerts",
    account: str = DEFAULT_ACCOUNT,
    region: str = DEFAULT_REGION,
    **overrides: Any,
) -> Document:
    """An ``aws_sns_topic`` with one confirmed e-mail subscription."""
    config = {"subscriptions": [{"protocol": "email", "confirmed": True}]}
    arn = f"arn:aws:sns:{region}:{account}:{name}"
    return _resource("aws_sns_topic", arn, name, region, config, overrides=overrides)


def monitoring_baseline(
    account: str = DEFAULT_ACCOUNT, region: str = DEFAULT_REGION, trail: str = "main"
) -> list[Document]:
    """A metric filter and alarm for every CIS section 4 control, on the log group of the
    trail named ``trail``, and the SNS topic they notify."""
    group = f"cloudtrail/{trail}"
    docs = [sns_topic("security-alerts", account, region)]
    for control in CIS_METRIC_FILTER_PATTERNS:
        docs.append(metric_filter(control, account, region, log_group=group))
        docs.append(metric_alarm(control, account, region))
    return docs


def load_balancer(
    name: str = "web",
    account: str = DEFAULT_ACCOUNT,
    region: str = DEFAULT_REGION,
    **overrides: Any,
) -> Document:
    """An internet-facing application ``aws_lb`` serving HTTPS with a TLS 1.2+ policy and
    redirecting HTTP to HTTPS."""
    config = {
        "load_balancer_type": "application",
        "scheme": "internet-facing",
        "vpc_id": _short_id("vpc", account, region, "main"),
        "security_group_ids": [_short_id("sg", account, region, "web")],
        "listeners": [
            {
                "port": 443,
                "protocol": "HTTPS",
                "ssl_policy": "ELBSecurityPolicy-TLS13-1-2-2021-06",
                "default_actions": [{"type": "forward", "redirect_protocol": None}],
            },
            {
                "port": 80,
                "protocol": "HTTP",
                "ssl_policy": None,
                "default_actions": [{"type": "redirect", "redirect_protocol": "HTTPS"}],
            },
        ],
    }
    arn = _load_balancer_arn(name, account, region)
    return _resource("aws_lb", arn, name, region, config, overrides=overrides)


def _load_balancer_arn(name: str, account: str, region: str) -> str:
    lb_id = _short_id("lb", account, region, name)[3:]
    return f"arn:aws:elasticloadbalancing:{region}:{account}:loadbalancer/app/{name}/{lb_id}"


def lambda_function(
    name: str = "thumbnailer",
    account: str = DEFAULT_ACCOUNT,
    region: str = DEFAULT_REGION,
    **overrides: Any,
) -> Document:
    """An ``aws_lambda_function`` that only S3 of its own account may invoke."""
    arn = f"arn:aws:lambda:{region}:{account}:function:{name}"
    config = {
        "runtime": "python3.12",
        "package_type": "Zip",
        "role_arn": f"arn:aws:iam::{account}:role/{name}",
        "environment_variable_names": ["BUCKET"],
        "kms_key_arn": None,
        "vpc_id": None,
        "policy": {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "s3-invoke",
                    "Effect": "Allow",
                    "Principal": {"Service": "s3.amazonaws.com"},
                    "Action": ["lambda:InvokeFunction"],
                    "Resource": [arn],
                    "Condition": {"StringEquals": {"AWS:SourceAccount": account}},
                }
            ],
        },
        "url_auth_types": [],
    }
    return _resource("aws_lambda_function", arn, name, region, config, overrides=overrides)


# --- sets and snapshots -------------------------------------------------------------------


def account_baseline(
    account_id: str = DEFAULT_ACCOUNT,
    regions: Sequence[str] = (DEFAULT_REGION,),
    *,
    name: str | None = None,
) -> list[Document]:
    """What the account-level checks need to pass: the account, its region settings, a
    multi-region trail homed in the first region with CIS section 4 metric filters and
    alarms on its log group, a role with AWSSupportAccess and one with SecurityAudit."""
    return [
        account(account_id, name=name),
        *(region_settings(account_id, region) for region in regions),
        cloudtrail_trail("main", account_id, regions[0]),
        *monitoring_baseline(account_id, regions[0]),
        support_access_policy(account_id),
        security_audit_policy(account_id),
    ]


def snapshot(
    account_id: str,
    resources: Iterable[Mapping[str, Any]],
    *,
    name: str | None = None,
    labels: Mapping[str, str] | None = None,
    regions: Sequence[str] | None = None,
    taken_at: str = DEFAULT_TAKEN_AT,
    coverage: Iterable[Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """A snapshot envelope (schemas/snapshot.json) holding ``resources``, grouped by type
    and keyed by id. ``regions`` defaults to the regions of the resources and coverage
    entries, sorted, without "global". Raises ``ValueError`` on a duplicate id."""
    grouped: dict[str, dict[str, Any]] = {}
    for resource in resources:
        by_id = grouped.setdefault(resource["type"], {})
        if resource["id"] in by_id:
            raise ValueError(f"duplicate {resource['type']} id {resource['id']!r}")
        by_id[resource["id"]] = copy.deepcopy(dict(resource))
    gaps = [copy.deepcopy(dict(entry)) for entry in coverage or ()]
    if regions is None:
        seen = {doc["region"] for by_id in grouped.values() for doc in by_id.values()}
        seen |= {entry["region"] for entry in gaps}
        regions = sorted(seen - {GLOBAL})
    account_doc: dict[str, Any] = {"id": account_id}
    if name is not None:
        account_doc["name"] = name
    if labels is not None:
        account_doc["labels"] = dict(labels)
    return {
        "schema_version": "1",
        "provider": "aws",
        "account": account_doc,
        "taken_at": taken_at,
        "regions": list(regions),
        "resources": grouped,
        "coverage": gaps,
    }
