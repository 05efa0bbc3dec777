"""AWS: a CloudTrail management event, as EventBridge delivers it
(``"detail-type": "AWS API Call via CloudTrail"``), or the bare CloudTrail record.

The resources come from ``detail.eventSource``, ``detail.eventName`` and
``detail.requestParameters`` (``responseElements`` for ids that only a create returns).
A call that failed (``detail.errorCode``) or only read changes nothing and is ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from cspm_opa.errors import InputError
from cspm_opa.events._model import ChangeEvent, Touched

__all__ = ["DETAIL_TYPE", "parse_aws"]

DETAIL_TYPE = "AWS API Call via CloudTrail"
_READS = re.compile(r"^(Get|List|Describe|Head|Lookup|Search|Select|BatchGet|Check|Test)[A-Z]")
_VERSION = re.compile(r"20\d{6}(v\d+)?$")  # Lambda's AddPermission20150331v2

Params = Mapping[str, Any]
Mapper = Callable[["_Ctx", str], list[Touched]]


class _Ctx:
    def __init__(self, detail: Mapping[str, Any], account: str | None, region: str | None):
        self.params: Params = detail.get("requestParameters") or {}
        self.response: Params = detail.get("responseElements") or {}
        self.account = account
        self.region = region
        self.partition = _partition(region)

    def arn(self, service: str, resource: str, *, regional: bool = True) -> str | None:
        if not self.account:
            return None
        region = self.region if regional else ""
        return f"arn:{self.partition}:{service}:{region or ''}:{self.account}:{resource}"


def _partition(region: str | None) -> str:
    if region and region.startswith("cn-"):
        return "aws-cn"
    if region and region.startswith("us-gov-"):
        return "aws-us-gov"
    return "aws"


def _items(value: Any, key: str) -> list[str]:
    """Ids under EC2's ``{"items": [{key: id}]}`` sets, or a plain id or list of ids."""
    if isinstance(value, Mapping):
        return [
            str(i[key]) for i in value.get("items") or [] if isinstance(i, Mapping) and key in i
        ]
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [str(v) for v in value if isinstance(v, str)]
    return []


def _first(params: Params, *keys: str) -> str | None:
    for key in keys:
        value = params.get(key)
        if isinstance(value, str) and value:
            return value
    return None


# -- per service ------------------------------------------------------------------------

_ACCOUNT_BLOCK = {"PutAccountPublicAccessBlock", "DeleteAccountPublicAccessBlock"}


def _s3(ctx: _Ctx, name: str) -> list[Touched]:
    if name in _ACCOUNT_BLOCK:
        return [
            Touched("aws_account", id=ctx.account, fields=frozenset({"s3_public_access_block"}))
        ]
    bucket = _first(ctx.params, "bucketName")
    if not bucket or "Object" in name or name in ("PutObject", "DeleteObjects", "CopyObject"):
        return []
    return [
        Touched(
            "aws_s3_bucket",
            id=f"arn:{ctx.partition}:s3:::{bucket}",
            name=bucket,
            region=ctx.region,
            deleted=name == "DeleteBucket",
        )
    ]


_EC2_REGION_SETTINGS = {
    "EnableEbsEncryptionByDefault": "ebs_encryption_by_default",
    "DisableEbsEncryptionByDefault": "ebs_encryption_by_default",
}
# eventName prefix or name -> (resource type, ARN kind, request keys holding the id).
_EC2: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("SecurityGroup", "aws_security_group", "security-group", ("groupId",)),
    ("ModifySecurityGroupRules", "aws_security_group", "security-group", ("groupId",)),
    ("NetworkAcl", "aws_network_acl", "network-acl", ("networkAclId",)),
    ("Route", "aws_route_table", "route-table", ("routeTableId",)),
    ("Volume", "aws_ebs_volume", "volume", ("volumeId",)),
    ("SnapshotAttribute", "aws_ebs_snapshot", "snapshot", ("snapshotId",)),
    ("Snapshot", "aws_ebs_snapshot", "snapshot", ("snapshotId",)),
    ("InstanceMetadataOptions", "aws_instance", "instance", ("instanceId",)),
    ("IamInstanceProfile", "aws_instance", "instance", ("instanceId",)),
    ("InstanceAttribute", "aws_instance", "instance", ("instanceId",)),
    ("FlowLogs", "aws_vpc", "vpc", ("resourceIdSet",)),
    ("Vpc", "aws_vpc", "vpc", ("vpcId",)),
    ("Subnet", "aws_subnet", "subnet", ("subnetId",)),
    ("InternetGateway", "aws_internet_gateway", "internet-gateway", ("internetGatewayId",)),
    ("Address", "aws_eip", "elastic-ip", ("allocationId",)),
)
_EC2_DELETES = frozenset({"DeleteSecurityGroup", "DeleteNetworkAcl", "DeleteRouteTable",
                          "DeleteVolume", "DeleteSnapshot", "DeleteVpc", "DeleteSubnet",
                          "DeleteInternetGateway", "ReleaseAddress"})  # fmt: skip
_INSTANCE_SETS = ("RunInstances", "TerminateInstances", "StartInstances", "StopInstances")


def _ec2(ctx: _Ctx, name: str) -> list[Touched]:
    if name in _EC2_REGION_SETTINGS:
        return [_region_settings(ctx, _EC2_REGION_SETTINGS[name])]
    if name in _INSTANCE_SETS:
        ids = _items(ctx.params.get("instancesSet"), "instanceId") or _items(
            ctx.response.get("instancesSet"), "instanceId"
        )
        return _ec2_touched(ctx, "aws_instance", "instance", ids, name == "TerminateInstances")
    for marker, rtype, kind, keys in _EC2:
        if marker not in name:
            continue
        ids = [i for key in keys for i in _items(ctx.params.get(key), "item")]
        ids = ids or [i for key in keys for i in _items(ctx.response.get(key), "item")]
        if not ids and name.startswith("Create"):
            ids = _created_ids(ctx.response, keys)
        if not ids:  # the change is known, the resource is not: its kind in this region
            return [Touched(rtype, region=ctx.region)]
        return _ec2_touched(ctx, rtype, kind, ids, name in _EC2_DELETES)
    return []


def _created_ids(response: Params, keys: Iterable[str]) -> list[str]:
    """Ids a Create call returns, wherever EC2 nests them (``{"volumeId": ...}``,
    ``{"securityGroup": {"groupId": ...}}``)."""
    found: list[str] = []
    for key in keys:
        for value in (response, *(v for v in response.values() if isinstance(v, Mapping))):
            if isinstance(value.get(key), str):
                found.append(value[key])
    return found


def _ec2_touched(ctx: _Ctx, rtype: str, kind: str, ids: list[str], deleted: bool) -> list[Touched]:
    return [
        Touched(rtype, id=ctx.arn("ec2", f"{kind}/{i}"), name=i, region=ctx.region, deleted=deleted)
        for i in ids
    ]


def _region_settings(ctx: _Ctx, field: str) -> Touched:
    rid = f"{ctx.account}/{ctx.region}" if ctx.account and ctx.region else None
    return Touched("aws_region_settings", id=rid, name=None, region=ctx.region,
                   fields=frozenset({field}))  # fmt: skip


_IAM_ACCOUNT = {
    "UpdateAccountPasswordPolicy": "password_policy",
    "DeleteAccountPasswordPolicy": "password_policy",
}
_IAM_PRINCIPALS = (("userName", "aws_iam_user", "user"), ("roleName", "aws_iam_role", "role"),
                   ("groupName", "aws_iam_group", "group"))  # fmt: skip


def _iam(ctx: _Ctx, name: str) -> list[Touched]:
    if name in _IAM_ACCOUNT:
        return [Touched("aws_account", id=ctx.account, fields=frozenset({_IAM_ACCOUNT[name]}))]
    out: list[Touched] = []
    policy = _first(ctx.params, "policyArn") or _first(ctx.response.get("policy") or {}, "arn")
    if policy and "Policy" in name and not name.startswith(("Attach", "Detach")):
        out.append(Touched("aws_iam_policy", id=policy, name=policy.rsplit("/", 1)[-1],
                           deleted=name == "DeletePolicy"))  # fmt: skip
    for key, rtype, kind in _IAM_PRINCIPALS:
        principal = _first(ctx.params, key)
        if principal:
            deleted = name == f"Delete{kind.capitalize()}"
            arn = (
                f"arn:{ctx.partition}:iam::{ctx.account}:{kind}/{principal}"
                if ctx.account
                else None
            )
            out.append(Touched(rtype, id=arn, name=principal, deleted=deleted))
    if not out and name.startswith(("CreateServerCertificate", "UploadServerCertificate",
                                    "DeleteServerCertificate")):  # fmt: skip
        out.append(
            Touched("aws_iam_server_certificate", name=_first(ctx.params, "serverCertificateName"))
        )
    return out


def _named(rtype: str, *keys: str, deleting: tuple[str, ...] = ()) -> Mapper:
    def mapper(ctx: _Ctx, name: str) -> list[Touched]:
        found = _first(ctx.params, *keys)
        if not found:
            return [Touched(rtype, region=ctx.region)]
        short = found.rsplit(":", 1)[-1].rsplit("/", 1)[-1]
        rid = found if found.startswith("arn:") else None
        return [Touched(rtype, id=rid, name=short, region=ctx.region, deleted=name in deleting)]

    return mapper


def _regional_setting(field: str) -> Mapper:
    def mapper(ctx: _Ctx, name: str) -> list[Touched]:
        return [_region_settings(ctx, field)]

    return mapper


_SERVICES: dict[str, Mapper] = {
    "s3.amazonaws.com": _s3,
    "ec2.amazonaws.com": _ec2,
    "iam.amazonaws.com": _iam,
    "rds.amazonaws.com": _named(
        "aws_db_instance", "dBInstanceIdentifier", deleting=("DeleteDBInstance",)
    ),
    "lambda.amazonaws.com": _named(
        "aws_lambda_function", "functionName", deleting=("DeleteFunction",)
    ),
    "cloudtrail.amazonaws.com": _named(
        "aws_cloudtrail_trail", "name", "trailName", deleting=("DeleteTrail",)
    ),
    "kms.amazonaws.com": _named("aws_kms_key", "keyId"),
    "elasticloadbalancing.amazonaws.com": _named(
        "aws_lb", "loadBalancerArn", deleting=("DeleteLoadBalancer",)
    ),
    "elasticfilesystem.amazonaws.com": _named(
        "aws_efs_file_system", "fileSystemId", deleting=("DeleteFileSystem",)
    ),
    "config.amazonaws.com": _regional_setting("config_recorders"),
    "guardduty.amazonaws.com": _regional_setting("guardduty_detectors"),
    "securityhub.amazonaws.com": _regional_setting("security_hub_enabled"),
    "access-analyzer.amazonaws.com": _regional_setting("access_analyzers"),
}


def parse_aws(payload: Any) -> ChangeEvent:
    """The change one EventBridge CloudTrail event (or bare CloudTrail record) describes."""
    if not isinstance(payload, Mapping):
        raise InputError("an AWS event is a JSON object (EventBridge's envelope)")
    if "detail" in payload:
        detail_type = payload.get("detail-type")
        if detail_type != DETAIL_TYPE:
            raise InputError(
                f'not a CloudTrail API call event: "detail-type" is {detail_type!r}, '
                f"expected {DETAIL_TYPE!r}"
            )
        detail = payload.get("detail")
    elif "eventSource" in payload:
        detail = payload
    else:
        raise InputError(
            'not an EventBridge CloudTrail event: no "detail" (nor a CloudTrail record\'s '
            '"eventSource")'
        )
    if not isinstance(detail, Mapping) or not detail.get("eventSource"):
        raise InputError('the event\'s "detail" has no eventSource')
    source, name = str(detail["eventSource"]), str(detail.get("eventName", ""))
    account = _first(detail, "recipientAccountId") or _first(payload, "account")
    region = _first(detail, "awsRegion") or _first(payload, "region")
    event = ChangeEvent(
        provider="aws",
        id=str(detail.get("eventID") or payload.get("id") or ""),
        source=f"{source} {name}",
        account=account,
        region=region,
        time=_first(detail, "eventTime") or _first(payload, "time"),
        raw=payload,
    )
    if detail.get("errorCode"):
        return _ignored(event, f"the call failed ({detail['errorCode']}): nothing changed")
    if detail.get("readOnly") is True or _READS.match(name):
        return _ignored(event, f"{name} only reads: nothing changed")
    mapper = _SERVICES.get(source)
    touched = mapper(_Ctx(detail, account, region), _VERSION.sub("", name)) if mapper else []
    if not touched:
        return _ignored(event, f"{source} {name} is not mapped to any resource type checked")
    return _replace(event, touched=tuple(dict.fromkeys(touched)))


def _ignored(event: ChangeEvent, why: str) -> ChangeEvent:
    return _replace(event, ignored=why)


def _replace(event: ChangeEvent, **changes: Any) -> ChangeEvent:
    from dataclasses import replace

    return replace(event, **changes)
