"""Seeds the two accounts of :mod:`cspm_opa.localclouds.aws_cloud` through moto's APIs.

``seed_legacy`` plants each misconfiguration next to a compliant twin; ``seed_hardened``
configures an account the way the checks ask. Both use the real boto3 API calls a
person would make, so what the collector reads back is what AWS would return.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from cspm_opa.testing.builders import (
    CIS_METRIC_FILTER_PATTERNS,
    MONITORING_NAMESPACE,
    metric_name,
)

__all__ = ["PLANTED_SECRET", "Clients", "seed_hardened", "seed_legacy"]

PLANTED_SECRET = "cspm-planted-secret-4f9d2c7e1b"
WORLD = "0.0.0.0/0"
WORLD6 = "::/0"


class Clients:
    """boto3 clients of one account of the fake cloud."""

    def __init__(self, url: str, credentials: Mapping[str, str]):
        import boto3  # type: ignore[import-untyped]
        from botocore.config import Config  # type: ignore[import-untyped]

        self.session = boto3.Session(**credentials)
        self.url = url
        # The proxy routes S3 Control's <account>.<host> names to the server.
        self.config = Config(proxies={"http": url}, retries={"max_attempts": 1})
        self._cache: dict[tuple[str, str], Any] = {}

    def __call__(self, service: str, region: str = "us-east-1") -> Any:
        key = (service, region)
        if key not in self._cache:
            self._cache[key] = self.session.client(
                service, region_name=region, endpoint_url=self.url, config=self.config
            )
        return self._cache[key]

    client = __call__

    @property
    def account_id(self) -> str:
        return str(self("sts").get_caller_identity()["Account"])


def _doc(*statements: Mapping[str, Any]) -> str:
    return json.dumps({"Version": "2012-10-17", "Statement": list(statements)})


def _trust(principal: Mapping[str, Any], condition: Mapping[str, Any] | None = None) -> str:
    stmt: dict[str, Any] = {"Effect": "Allow", "Principal": principal, "Action": "sts:AssumeRole"}
    if condition:
        stmt["Condition"] = condition
    return _doc(stmt)


def _tags(name: str) -> list[dict[str, Any]]:
    return [{"Key": "Name", "Value": name}]


def _tag_spec(kind: str, name: str) -> list[dict[str, Any]]:
    return [{"ResourceType": kind, "Tags": _tags(name)}]


def _aws_policy(name: str) -> str:
    return f"arn:aws:iam::aws:policy/{name}"


def _deny_http(bucket: str, *, log_target: bool = False) -> str:
    arn = f"arn:aws:s3:::{bucket}"
    statements: list[dict[str, Any]] = [
        {
            "Sid": "DenyInsecureTransport",
            "Effect": "Deny",
            # moto's log-delivery check reads Principal as a mapping; {"AWS": "*"} is
            # the same "anyone" as "*".
            "Principal": {"AWS": "*"} if log_target else "*",
            "Action": "s3:*",
            "Resource": [arn, f"{arn}/*"],
            "Condition": {"Bool": {"aws:SecureTransport": "false"}},
        }
    ]
    if log_target:
        statements.append(
            {
                "Sid": "S3ServerAccessLogs",
                "Effect": "Allow",
                "Principal": {"Service": "logging.s3.amazonaws.com"},
                "Action": "s3:PutObject",
                "Resource": f"{arn}/*",
            }
        )
    return _doc(*statements)


def _secure_bucket(
    c: Clients, name: str, log_bucket: str | None, region: str = "us-east-1"
) -> None:
    """A bucket the S3 checks pass: HTTPS only, public access blocked, encrypted,
    versioned with MFA delete, logging to ``log_bucket`` (unless it is the log bucket)."""
    s3 = c("s3", region)
    if log_bucket is not None:
        s3.create_bucket(Bucket=name)
    s3.put_bucket_policy(Bucket=name, Policy=_deny_http(name, log_target=log_bucket is None))
    s3.put_public_access_block(
        Bucket=name,
        PublicAccessBlockConfiguration={
            "BlockPublicAcls": True,
            "IgnorePublicAcls": True,
            "BlockPublicPolicy": True,
            "RestrictPublicBuckets": True,
        },
    )
    s3.put_bucket_encryption(
        Bucket=name,
        ServerSideEncryptionConfiguration={
            "Rules": [{"ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms"}}]
        },
    )
    s3.put_bucket_versioning(
        Bucket=name,
        VersioningConfiguration={"Status": "Enabled", "MFADelete": "Enabled"},
        MFA="arn:aws:iam::000000000000:mfa/root-account-mfa-device 123456",
    )
    if log_bucket is not None:
        s3.put_bucket_logging(
            Bucket=name,
            BucketLoggingStatus={
                "LoggingEnabled": {"TargetBucket": log_bucket, "TargetPrefix": name}
            },
        )


def _log_bucket(c: Clients, name: str) -> None:
    """A bucket that S3 server access logging may deliver to."""
    c("s3").create_bucket(Bucket=name)
    c("s3").put_bucket_acl(Bucket=name, ACL="log-delivery-write")


def _user(c: Clients, name: str, *, password: bool = False, groups: Iterable[str] = ()) -> None:
    iam = c("iam")
    iam.create_user(UserName=name)
    if password:
        iam.create_login_profile(UserName=name, Password="Correct-Horse-Battery-9")
    for group in groups:
        iam.add_user_to_group(GroupName=group, UserName=name)


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", "def handler(event, context):\n    return event\n")
    return buffer.getvalue()


# --- legacy: every misconfiguration, each with its twin -----------------------------------


def seed_legacy(
    c: Clients, regions: Sequence[str], *, partner_account: str | None = None
) -> dict[str, str]:
    """Seed the misconfigured account; return the auditor user's access key.
    ``partner_account`` is the account whose administrator role an exposed instance's
    role may assume (PATH-AWS-004); :func:`seed_hardened` creates that role."""
    account = c.account_id
    auditor = _legacy_iam(c, account)
    _legacy_s3(c)
    network = _legacy_network(c)
    _legacy_compute(c, account, network)
    _legacy_data(c, network)
    _legacy_logging(c)
    _attack_paths(c, network, partner_account)
    return auditor


def _legacy_iam(c: Clients, account: str) -> dict[str, str]:
    iam = c("iam")
    iam.update_account_password_policy(MinimumPasswordLength=8, PasswordReusePrevention=5)
    read = iam.create_policy(
        PolicyName="app-read",
        PolicyDocument=_doc({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}),
    )["Policy"]["Arn"]
    admin = iam.create_policy(
        PolicyName="legacy-admin",
        PolicyDocument=_doc({"Effect": "Allow", "Action": "*", "Resource": "*"}),
    )["Policy"]["Arn"]
    iam.create_policy(
        PolicyName="legacy-key-admin",
        PolicyDocument=_doc(
            {"Effect": "Allow", "Action": ["kms:*", "cloudtrail:*"], "Resource": "*"}
        ),
    )
    for group in ("developers", "deployers", "auditors"):
        iam.create_group(GroupName=group)
    iam.attach_group_policy(GroupName="developers", PolicyArn=read)
    iam.attach_group_policy(
        GroupName="developers", PolicyArn=_aws_policy("AWSCloudShellFullAccess")
    )
    iam.attach_group_policy(GroupName="auditors", PolicyArn=_aws_policy("SecurityAudit"))
    # The hub principal of a multi-account scan: SecurityAudit here, and the right to
    # assume the audit role (which holds SecurityAudit) in the other accounts.
    iam.put_group_policy(
        GroupName="auditors",
        PolicyName="assume-audit-roles",
        PolicyDocument=_doc(
            {
                "Effect": "Allow",
                "Action": "sts:AssumeRole",
                "Resource": "arn:aws:iam::*:role/cspm-audit",
            }
        ),
    )
    iam.create_role(RoleName="legacy-ops", AssumeRolePolicyDocument=_trust({"AWS": account}))
    iam.attach_role_policy(RoleName="legacy-ops", PolicyArn=admin)
    _user(c, "alice", password=True, groups=["developers"])
    serial = iam.create_virtual_mfa_device(VirtualMFADeviceName="alice")["VirtualMFADevice"]
    iam.enable_mfa_device(
        UserName="alice",
        SerialNumber=serial["SerialNumber"],
        AuthenticationCode1="123456",
        AuthenticationCode2="654321",
    )
    _user(c, "carol", password=True)
    iam.attach_user_policy(UserName="carol", PolicyArn=read)
    iam.create_access_key(UserName="carol")
    for name, keys in (("deploy-bot", 1), ("ci-runner", 2), ("dormant", 1)):
        _user(c, name, groups=["deployers"])
        for _ in range(keys):
            iam.create_access_key(UserName=name)
    _user(c, "cspm-auditor", groups=["auditors"])
    key = iam.create_access_key(UserName="cspm-auditor")["AccessKey"]
    iam.upload_server_certificate(
        ServerCertificateName="legacy-www",
        CertificateBody="-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
        PrivateKey="-----BEGIN PRIVATE KEY-----\nMIIB\n-----END PRIVATE KEY-----",
    )
    return {
        "AWS_ACCESS_KEY_ID": key["AccessKeyId"],
        "AWS_SECRET_ACCESS_KEY": key["SecretAccessKey"],
    }


def _legacy_s3(c: Clients) -> None:
    s3 = c("s3")
    s3.create_bucket(Bucket="legacy-public-data")
    _log_bucket(c, "legacy-logs")
    s3.create_bucket(Bucket="legacy-trail-logs")
    # Shared with an outside account that nobody here reviews (AWS-S3-008).
    s3.put_bucket_policy(
        Bucket="legacy-trail-logs",
        Policy=_doc(
            {
                "Effect": "Allow",
                "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
                "Action": "s3:GetObject",
                "Resource": "arn:aws:s3:::legacy-trail-logs/*",
            }
        ),
    )
    _secure_bucket(c, "app-data-store", "legacy-logs")


def _legacy_network(c: Clients) -> dict[str, Any]:
    ec2 = c("ec2")
    legacy = ec2.create_vpc(
        CidrBlock="10.1.0.0/16", TagSpecifications=_tag_spec("vpc", "legacy-vpc")
    )["Vpc"]["VpcId"]
    app = ec2.create_vpc(CidrBlock="10.0.0.0/16", TagSpecifications=_tag_spec("vpc", "app-vpc"))[
        "Vpc"
    ]["VpcId"]
    c("logs").create_log_group(logGroupName="vpc-flow-logs")
    ec2.create_flow_logs(
        ResourceIds=[app],
        ResourceType="VPC",
        TrafficType="ALL",
        LogGroupName="vpc-flow-logs",
        DeliverLogsPermissionArn="arn:aws:iam::123456789012:role/flow-logs",
    )
    subnets = [
        ec2.create_subnet(
            VpcId=app,
            CidrBlock=f"10.0.{i}.0/24",
            AvailabilityZone=f"us-east-1{zone}",
            TagSpecifications=_tag_spec("subnet", f"app-{zone}"),
        )["Subnet"]["SubnetId"]
        for i, zone in enumerate("ab")
    ]
    groups = {}
    for name, port, cidr in (
        ("legacy-ssh", 22, WORLD),
        ("legacy-rdp6", 3389, WORLD6),
        ("legacy-smb", 445, WORLD),
        ("app-https", 443, WORLD),
    ):
        gid = ec2.create_security_group(GroupName=name, Description=name, VpcId=app)["GroupId"]
        ranges: dict[str, Any] = (
            {"Ipv6Ranges": [{"CidrIpv6": cidr}]}
            if ":" in cidr
            else {"IpRanges": [{"CidrIp": cidr}]}
        )
        ec2.authorize_security_group_ingress(
            GroupId=gid,
            IpPermissions=[{"IpProtocol": "tcp", "FromPort": port, "ToPort": port, **ranges}],
        )
        groups[name] = gid
    open_acl = ec2.create_network_acl(
        VpcId=app, TagSpecifications=_tag_spec("network-acl", "legacy-open-acl")
    )["NetworkAcl"]["NetworkAclId"]
    ec2.create_network_acl_entry(
        NetworkAclId=open_acl, RuleNumber=100, Protocol="-1", RuleAction="allow",
        Egress=False, CidrBlock=WORLD,
    )  # fmt: skip
    app_acl = ec2.create_network_acl(
        VpcId=app, TagSpecifications=_tag_spec("network-acl", "app-acl")
    )["NetworkAcl"]["NetworkAclId"]
    ec2.create_network_acl_entry(
        NetworkAclId=app_acl, RuleNumber=100, Protocol="6", RuleAction="allow",
        Egress=False, CidrBlock=WORLD, PortRange={"From": 443, "To": 443},
    )  # fmt: skip
    public = _public_subnets(ec2, app)
    groups["legacy-postgres"] = ec2.create_security_group(
        GroupName="legacy-postgres", Description="legacy-postgres", VpcId=app
    )["GroupId"]
    ec2.authorize_security_group_ingress(
        GroupId=groups["legacy-postgres"],
        IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "IpRanges": [{"CidrIp": WORLD}]}
        ],
    )
    peering = ec2.create_vpc_peering_connection(VpcId=app, PeerVpcId=legacy)[
        "VpcPeeringConnection"
    ]["VpcPeeringConnectionId"]
    for name, destination in (("legacy-peering", WORLD), ("app-routes", "10.1.4.0/24")):
        table = ec2.create_route_table(VpcId=app, TagSpecifications=_tag_spec("route-table", name))[
            "RouteTable"
        ]["RouteTableId"]
        ec2.create_route(
            RouteTableId=table, DestinationCidrBlock=destination, VpcPeeringConnectionId=peering
        )
    return {"vpc": app, "subnets": subnets, "public_subnets": public, "groups": groups}


def _public_subnets(ec2: Any, vpc: str) -> list[str]:
    """``public-a`` and ``public-b``: their route table ``public-routes`` sends 0.0.0.0/0
    to the VPC's internet gateway, and the VPC's default network ACL (which admits
    everything) guards them. The ``app-*`` subnets stay private (main table, local only)."""
    igw = ec2.create_internet_gateway(TagSpecifications=_tag_spec("internet-gateway", "app-igw"))[
        "InternetGateway"
    ]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
    table = ec2.create_route_table(
        VpcId=vpc, TagSpecifications=_tag_spec("route-table", "public-routes")
    )["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=table, DestinationCidrBlock=WORLD, GatewayId=igw)
    public = []
    for i, zone in enumerate("ab", start=10):
        subnet = ec2.create_subnet(
            VpcId=vpc, CidrBlock=f"10.0.{i}.0/24", AvailabilityZone=f"us-east-1{zone}",
            TagSpecifications=_tag_spec("subnet", f"public-{zone}"),
        )["Subnet"]["SubnetId"]  # fmt: skip
        ec2.associate_route_table(RouteTableId=table, SubnetId=subnet)
        public.append(subnet)
    return public


def _legacy_compute(c: Clients, account: str, network: Mapping[str, Any]) -> None:
    ec2, iam = c("ec2"), c("iam")
    iam.create_role(
        RoleName="app-server", AssumeRolePolicyDocument=_trust({"Service": "ec2.amazonaws.com"})
    )
    profile = iam.create_instance_profile(InstanceProfileName="app-server")["InstanceProfile"]
    iam.add_role_to_instance_profile(InstanceProfileName="app-server", RoleName="app-server")
    subnet = network["subnets"][0]
    ec2.run_instances(
        ImageId="ami-0c02fb55956c7d316", MinCount=1, MaxCount=1, SubnetId=subnet,
        UserData=f"#!/bin/sh\nexport DB_PASSWORD={PLANTED_SECRET}\n",
        MetadataOptions={"HttpTokens": "optional", "HttpEndpoint": "enabled"},
        TagSpecifications=_tag_spec("instance", "legacy-web"),
    )  # fmt: skip
    ec2.run_instances(
        ImageId="ami-0c02fb55956c7d316", MinCount=1, MaxCount=1, SubnetId=subnet,
        IamInstanceProfile={"Arn": profile["Arn"]},
        MetadataOptions={"HttpTokens": "required", "HttpEndpoint": "enabled"},
        TagSpecifications=_tag_spec("instance", "app-server"),
    )  # fmt: skip
    plain = ec2.create_volume(
        AvailabilityZone="us-east-1a", Size=8, TagSpecifications=_tag_spec("volume", "legacy-data")
    )["VolumeId"]
    encrypted = ec2.create_volume(
        AvailabilityZone="us-east-1a", Size=8, Encrypted=True,
        TagSpecifications=_tag_spec("volume", "app-data"),
    )["VolumeId"]  # fmt: skip
    public = ec2.create_snapshot(
        VolumeId=plain, TagSpecifications=_tag_spec("snapshot", "legacy-backup")
    )["SnapshotId"]
    ec2.modify_snapshot_attribute(
        SnapshotId=public, Attribute="createVolumePermission", OperationType="add",
        GroupNames=["all"],
    )  # fmt: skip
    ec2.create_snapshot(VolumeId=encrypted, TagSpecifications=_tag_spec("snapshot", "app-backup"))
    _lambdas(c, account)
    _load_balancers(c, network)


def _lambdas(c: Clients, account: str) -> None:
    iam, fn = c("iam"), c("lambda")
    role = iam.create_role(
        RoleName="lambda-exec",
        AssumeRolePolicyDocument=_trust({"Service": "lambda.amazonaws.com"}),
    )["Role"]["Arn"]
    for name, env in (
        ("legacy-public-fn", {"DB_PASSWORD": PLANTED_SECRET}),
        ("thumbnailer", {"BUCKET": "app-data-store"}),
    ):
        fn.create_function(
            FunctionName=name, Runtime="python3.12", Role=role, Handler="handler.handler",
            Code={"ZipFile": _zip()}, Environment={"Variables": env},
        )  # fmt: skip
    fn.add_permission(
        FunctionName="legacy-public-fn", StatementId="anyone", Action="lambda:InvokeFunction",
        Principal="*",
    )  # fmt: skip
    fn.add_permission(
        FunctionName="thumbnailer", StatementId="s3", Action="lambda:InvokeFunction",
        Principal="s3.amazonaws.com", SourceAccount=account,
    )  # fmt: skip


def _load_balancers(c: Clients, network: Mapping[str, Any]) -> None:
    elb = c("elbv2")
    certificate = c("acm").request_certificate(DomainName="app.example.com")["CertificateArn"]
    target = elb.create_target_group(Name="app", Protocol="HTTP", Port=80, VpcId=network["vpc"])[
        "TargetGroups"
    ][0]["TargetGroupArn"]
    servers = c("ec2").describe_instances(Filters=[{"Name": "tag:Name", "Values": ["app-server"]}])[
        "Reservations"
    ][0]["Instances"]
    elb.register_targets(TargetGroupArn=target, Targets=[{"Id": servers[0]["InstanceId"]}])
    forward = [{"Type": "forward", "TargetGroupArn": target}]
    redirect = [
        {
            "Type": "redirect",
            "RedirectConfig": {"Protocol": "HTTPS", "Port": "443", "StatusCode": "HTTP_301"},
        }
    ]
    for name, listeners in (
        ("legacy-alb", [("HTTP", 80, forward)]),
        ("app-alb", [("HTTPS", 443, forward), ("HTTP", 80, redirect)]),
    ):
        arn = elb.create_load_balancer(
            Name=name,
            Subnets=network["subnets"],
            SecurityGroups=[network["groups"]["app-https"]],
            Scheme="internet-facing",
            Type="application",
        )["LoadBalancers"][0]["LoadBalancerArn"]
        for protocol, port, actions in listeners:
            extra: dict[str, Any] = {}
            if protocol == "HTTPS":
                extra = {
                    "Certificates": [{"CertificateArn": certificate}],
                    "SslPolicy": "ELBSecurityPolicy-TLS13-1-2-2021-06",
                }
            elb.create_listener(
                LoadBalancerArn=arn, Protocol=protocol, Port=port, DefaultActions=actions, **extra
            )


def _legacy_data(c: Clients, network: Mapping[str, Any]) -> None:
    rds, efs = c("rds"), c("efs")
    rds.create_db_parameter_group(
        DBParameterGroupName="legacy-params", DBParameterGroupFamily="postgres16",
        Description="legacy",
    )  # fmt: skip
    rds.modify_db_parameter_group(
        DBParameterGroupName="legacy-params",
        Parameters=[
            {"ParameterName": "application_name", "ParameterValue": PLANTED_SECRET,
             "ApplyMethod": "immediate"}
        ],
    )  # fmt: skip
    # Both in the public subnets behind 5432 open to the world: legacy-db is publicly
    # accessible (PATH-AWS-003), its twin orders-db is not.
    rds.create_db_subnet_group(
        DBSubnetGroupName="public-db", DBSubnetGroupDescription="public subnets",
        SubnetIds=network["public_subnets"],
    )  # fmt: skip
    for name, good in (("legacy-db", False), ("orders-db", True)):
        rds.create_db_instance(
            DBInstanceIdentifier=name, DBInstanceClass="db.t3.micro", Engine="postgres",
            AllocatedStorage=20, MasterUsername="app", MasterUserPassword=PLANTED_SECRET,
            StorageEncrypted=good, PubliclyAccessible=not good, AutoMinorVersionUpgrade=good,
            MultiAZ=good, DeletionProtection=good, BackupRetentionPeriod=7 if good else 0,
            DBParameterGroupName="legacy-params", DBSubnetGroupName="public-db",
            VpcSecurityGroupIds=[network["groups"]["legacy-postgres"]],
        )  # fmt: skip
        snapshot = f"{name}-final"
        rds.create_db_snapshot(DBInstanceIdentifier=name, DBSnapshotIdentifier=snapshot)
        if not good:
            rds.modify_db_snapshot_attribute(
                DBSnapshotIdentifier=snapshot, AttributeName="restore", ValuesToAdd=["all"]
            )
    _legacy_clusters(rds)
    efs.create_file_system(CreationToken="legacy-share", Tags=_tags("legacy-share"))
    efs.create_file_system(CreationToken="app-share", Encrypted=True, Tags=_tags("app-share"))
    kms = c("kms")
    for name, rotate in (("legacy-key", False), ("app-key", True)):
        key = kms.create_key(Description=name)["KeyMetadata"]["KeyId"]
        kms.create_alias(AliasName=f"alias/{name}", TargetKeyId=key)
        if rotate:
            kms.enable_key_rotation(KeyId=key)
    retired = kms.create_key(Description="legacy-retired-key")["KeyMetadata"]["KeyId"]
    kms.create_alias(AliasName="alias/legacy-retired-key", TargetKeyId=retired)
    kms.schedule_key_deletion(KeyId=retired, PendingWindowInDays=30)


def _legacy_clusters(rds: Any) -> None:
    """Aurora: ``legacy-aurora`` (unencrypted, unprotected, one day of backups, passwords
    only, one zone) and its twin ``ledger-aurora`` (a writer and a reader in two zones).
    Multi-AZ DB clusters of PostgreSQL: ``legacy-pg-cluster`` (public, no minor upgrades)
    and its twin ``orders-pg-cluster``."""
    for name, good in (("legacy-aurora", False), ("ledger-aurora", True)):
        rds.create_db_cluster(
            DBClusterIdentifier=name, Engine="aurora-postgresql", MasterUsername="app",
            MasterUserPassword=PLANTED_SECRET, StorageEncrypted=good, DeletionProtection=good,
            BackupRetentionPeriod=7 if good else 1, EnableIAMDatabaseAuthentication=good,
            Tags=_tags(name),
        )  # fmt: skip
    for n, zone in enumerate(("us-east-1a", "us-east-1b"), start=1):
        rds.create_db_instance(
            DBInstanceIdentifier=f"ledger-aurora-{n}", DBClusterIdentifier="ledger-aurora",
            Engine="aurora-postgresql", DBInstanceClass="db.r6g.large", AvailabilityZone=zone,
            StorageEncrypted=True, PubliclyAccessible=False, AutoMinorVersionUpgrade=True,
        )  # fmt: skip
    for name, good in (("legacy-pg-cluster", False), ("orders-pg-cluster", True)):
        rds.create_db_cluster(
            DBClusterIdentifier=name, Engine="postgres", MasterUsername="app",
            MasterUserPassword=PLANTED_SECRET, DBClusterInstanceClass="db.m6gd.large",
            AllocatedStorage=100, Iops=1000, StorageType="io1", StorageEncrypted=True,
            PubliclyAccessible=not good, AutoMinorVersionUpgrade=good, Tags=_tags(name),
        )  # fmt: skip


def _legacy_logging(c: Clients) -> None:
    trail = c("cloudtrail")
    trail.create_trail(Name="legacy-trail", S3BucketName="legacy-trail-logs")
    trail.start_logging(Name="legacy-trail")
    # A log group that forgets after a week (legacy-app-logs) and its twin kept a year.
    for name, days in (("legacy-app-logs", 7), ("app-logs", 365)):
        c("logs").create_log_group(logGroupName=name)
        c("logs").put_retention_policy(logGroupName=name, retentionInDays=days)
    # An alarm that tells nobody (legacy-cpu-high) and its twin that notifies a topic.
    topic = c("sns").create_topic(Name="app-alerts")["TopicArn"]
    for name, actions in (("legacy-cpu-high", []), ("app-cpu-high", [topic])):
        c("cloudwatch").put_metric_alarm(
            AlarmName=name, MetricName="CPUUtilization", Namespace="AWS/EC2",
            Statistic="Average", Period=300, EvaluationPeriods=1, Threshold=90.0,
            ComparisonOperator="GreaterThanThreshold", AlarmActions=actions,
        )  # fmt: skip


def _attack_paths(c: Clients, network: Mapping[str, Any], partner_account: str | None) -> None:
    """The planted attack paths, each beside a twin on no path (see aws_cloud.PATHS)."""
    ec2, iam, s3 = c("ec2"), c("iam"), c("s3")
    subnet = network["public_subnets"][0]
    # PATH-AWS-001: legacy-bastion, in a public subnet, SSH open to the world, an elastic
    # IP, IMDSv1, and a role holding AdministratorAccess. Twin app-bastion: IMDSv2, no
    # public address.
    profile = _instance_role(iam, "legacy-bastion", [_aws_policy("AdministratorAccess")])
    for name, good in (("legacy-bastion", False), ("app-bastion", True)):
        instance = ec2.run_instances(
            ImageId="ami-0c02fb55956c7d316", MinCount=1, MaxCount=1, SubnetId=subnet,
            SecurityGroupIds=[network["groups"]["legacy-ssh"]],
            IamInstanceProfile={"Arn": profile},
            MetadataOptions={"HttpTokens": "required" if good else "optional",
                             "HttpEndpoint": "enabled"},
            TagSpecifications=_tag_spec("instance", name),
        )["Instances"][0]["InstanceId"]  # fmt: skip
        if not good:
            address = ec2.allocate_address(
                Domain="vpc", TagSpecifications=_tag_spec("elastic-ip", f"{name}-ip")
            )["AllocationId"]
            ec2.associate_address(AllocationId=address, InstanceId=instance)
    # PATH-AWS-002: a PII bucket anyone may read (an AllUsers ACL grant; this account has
    # no account-level Block Public Access). Twin app-customer-pii: private.
    s3.create_bucket(Bucket="legacy-customer-pii")
    s3.put_bucket_acl(Bucket="legacy-customer-pii", ACL="public-read")
    _secure_bucket(c, "app-customer-pii", "legacy-logs")
    for bucket in ("legacy-customer-pii", "app-customer-pii"):
        s3.put_bucket_tagging(
            Bucket=bucket,
            Tagging={"TagSet": [{"Key": "DataClassification", "Value": "PII"}]},
        )
    if partner_account is None:
        return
    # PATH-AWS-004: legacy-jump, HTTPS open to the world through the public IP that
    # public-b assigns at launch, holds a role that may assume the partner's prod-admin
    # (AdministratorAccess, trusting this account). Twin app-jump: exposed alike, but the
    # role it may assume trusts only its own account. (Not NetworkInterfaces with
    # AssociatePublicIpAddress: moto then leaves the instance's SecurityGroups empty.)
    auto = network["public_subnets"][1]
    ec2.modify_subnet_attribute(SubnetId=auto, MapPublicIpOnLaunch={"Value": True})
    for name, target in (("legacy-jump", "prod-admin"), ("app-jump", "prod-admin-internal")):
        assume = iam.create_policy(
            PolicyName=f"{name}-assume",
            PolicyDocument=_doc(
                {
                    "Effect": "Allow",
                    "Action": "sts:AssumeRole",
                    "Resource": f"arn:aws:iam::{partner_account}:role/{target}",
                }
            ),
        )["Policy"]["Arn"]
        ec2.run_instances(
            ImageId="ami-0c02fb55956c7d316", MinCount=1, MaxCount=1, SubnetId=auto,
            SecurityGroupIds=[network["groups"]["app-https"]],
            IamInstanceProfile={"Arn": _instance_role(iam, name, [assume])},
            MetadataOptions={"HttpTokens": "required", "HttpEndpoint": "enabled"},
            TagSpecifications=_tag_spec("instance", name),
        )  # fmt: skip


def _instance_role(iam: Any, name: str, policies: Iterable[str]) -> str:
    """A role EC2 may assume, with ``policies`` attached; returns its instance profile."""
    iam.create_role(
        RoleName=name, AssumeRolePolicyDocument=_trust({"Service": "ec2.amazonaws.com"})
    )
    for policy in policies:
        iam.attach_role_policy(RoleName=name, PolicyArn=policy)
    profile = iam.create_instance_profile(InstanceProfileName=name)["InstanceProfile"]
    iam.add_role_to_instance_profile(InstanceProfileName=name, RoleName=name)
    return str(profile["Arn"])


# --- hardened: the compliant twin of every account-wide setting ---------------------------


def seed_hardened(
    c: Clients, regions: Sequence[str], *, trusted_account: str, external_id: str
) -> None:
    """Seed the compliant account, with the audit role the legacy account may assume."""
    account = c.account_id
    iam = c("iam")
    iam.create_role(
        RoleName="cspm-audit",
        AssumeRolePolicyDocument=_trust(
            {"AWS": f"arn:aws:iam::{trusted_account}:root"},
            {"StringEquals": {"sts:ExternalId": external_id}},
        ),
    )
    iam.attach_role_policy(RoleName="cspm-audit", PolicyArn=_aws_policy("SecurityAudit"))
    iam.create_role(RoleName="aws-support", AssumeRolePolicyDocument=_trust({"AWS": account}))
    iam.attach_role_policy(RoleName="aws-support", PolicyArn=_aws_policy("AWSSupportAccess"))
    # Administrator roles: prod-admin trusts the legacy account (PATH-AWS-004: the legacy
    # jump host's role may assume it); prod-admin-internal trusts only this account.
    for name, trusted in (("prod-admin", trusted_account), ("prod-admin-internal", account)):
        iam.create_role(
            RoleName=name,
            AssumeRolePolicyDocument=_trust({"AWS": f"arn:aws:iam::{trusted}:root"}),
        )
        iam.attach_role_policy(RoleName=name, PolicyArn=_aws_policy("AdministratorAccess"))
    iam.update_account_password_policy(
        MinimumPasswordLength=14, PasswordReusePrevention=24, RequireSymbols=True,
        RequireNumbers=True, RequireUppercaseCharacters=True, RequireLowercaseCharacters=True,
        AllowUsersToChangePassword=True,
    )  # fmt: skip
    c("account").put_alternate_contact(
        AlternateContactType="SECURITY", Name="Security team", Title="SOC",
        EmailAddress="soc@example.com", PhoneNumber="+10000000000",
    )  # fmt: skip
    c("s3control").put_public_access_block(
        AccountId=account,
        PublicAccessBlockConfiguration={
            "BlockPublicAcls": True,
            "IgnorePublicAcls": True,
            "BlockPublicPolicy": True,
            "RestrictPublicBuckets": True,
        },
    )
    _log_bucket(c, "hardened-access-logs")
    _secure_bucket(c, "hardened-access-logs", None)
    for bucket in ("hardened-data", "hardened-trail-logs"):
        _secure_bucket(c, bucket, "hardened-access-logs")
    _hardened_trail(c, account)
    for region in regions:
        _hardened_region(c, account, region)


def _hardened_trail(c: Clients, account: str) -> None:
    kms = c("kms")
    key = kms.create_key(Description="cloudtrail")["KeyMetadata"]["Arn"]
    kms.enable_key_rotation(KeyId=key)
    group = "cloudtrail/org-trail"
    logs = c("logs")
    logs.create_log_group(logGroupName=group)
    logs.put_retention_policy(logGroupName=group, retentionInDays=365)
    group_arn = f"arn:aws:logs:us-east-1:{account}:log-group:{group}:*"
    trail = c("cloudtrail")
    trail.create_trail(
        Name="org-trail", S3BucketName="hardened-trail-logs", IsMultiRegionTrail=True,
        EnableLogFileValidation=True, KmsKeyId=key, CloudWatchLogsLogGroupArn=group_arn,
        CloudWatchLogsRoleArn=f"arn:aws:iam::{account}:role/cloudtrail-to-logs",
    )  # fmt: skip
    trail.put_event_selectors(
        TrailName="org-trail",
        EventSelectors=[
            {
                "ReadWriteType": "All",
                "IncludeManagementEvents": True,
                "DataResources": [{"Type": "AWS::S3::Object", "Values": ["arn:aws:s3"]}],
            }
        ],
    )
    trail.start_logging(Name="org-trail")
    queue = c("sqs").create_queue(QueueName="security-alerts")["QueueUrl"]
    queue_arn = c("sqs").get_queue_attributes(QueueUrl=queue, AttributeNames=["QueueArn"])[
        "Attributes"
    ]["QueueArn"]
    topic = c("sns").create_topic(Name="security-alerts")["TopicArn"]
    c("sns").subscribe(TopicArn=topic, Protocol="sqs", Endpoint=queue_arn)
    cloudwatch = c("cloudwatch")
    for control, pattern in CIS_METRIC_FILTER_PATTERNS.items():
        name = metric_name(control)
        logs.put_metric_filter(
            logGroupName=group,
            filterName=name,
            filterPattern=pattern,
            metricTransformations=[
                {"metricName": name, "metricNamespace": MONITORING_NAMESPACE, "metricValue": "1"}
            ],
        )
        cloudwatch.put_metric_alarm(
            AlarmName=name, MetricName=name, Namespace=MONITORING_NAMESPACE, Statistic="Sum",
            Period=300, EvaluationPeriods=1, Threshold=1.0,
            ComparisonOperator="GreaterThanOrEqualToThreshold", AlarmActions=[topic],
        )  # fmt: skip


def _hardened_region(c: Clients, account: str, region: str) -> None:
    ec2 = c("ec2", region)
    ec2.enable_ebs_encryption_by_default()
    config = c("config", region)
    config.put_configuration_recorder(
        ConfigurationRecorder={
            "name": "default",
            "roleARN": f"arn:aws:iam::{account}:role/config",
            "recordingGroup": {
                "allSupported": True,
                "includeGlobalResourceTypes": region == "us-east-1",
            },
        }
    )
    config.put_delivery_channel(
        DeliveryChannel={"name": "default", "s3BucketName": "hardened-access-logs"}
    )
    config.start_configuration_recorder(ConfigurationRecorderName="default")
    c("securityhub", region).enable_security_hub()
    c("guardduty", region).create_detector(Enable=True)
    c("logs", region).create_log_group(logGroupName="vpc-flow-logs")
    c("logs", region).put_retention_policy(logGroupName="vpc-flow-logs", retentionInDays=365)
    for vpc in ec2.describe_vpcs()["Vpcs"]:
        ec2.create_flow_logs(
            ResourceIds=[vpc["VpcId"]], ResourceType="VPC", TrafficType="ALL",
            LogGroupName="vpc-flow-logs",
            DeliverLogsPermissionArn=f"arn:aws:iam::{account}:role/flow-logs",
        )  # fmt: skip
    for group in ec2.describe_security_groups(
        Filters=[{"Name": "group-name", "Values": ["default"]}]
    )["SecurityGroups"]:
        if group["IpPermissions"]:
            ec2.revoke_security_group_ingress(
                GroupId=group["GroupId"], IpPermissions=group["IpPermissions"]
            )
        if group["IpPermissionsEgress"]:
            ec2.revoke_security_group_egress(
                GroupId=group["GroupId"], IpPermissions=group["IpPermissionsEgress"]
            )
    for acl in ec2.describe_network_acls()["NetworkAcls"]:
        for entry in acl["Entries"]:
            if entry["RuleNumber"] < 32767 and entry["RuleAction"] == "allow":
                ec2.delete_network_acl_entry(
                    NetworkAclId=acl["NetworkAclId"],
                    RuleNumber=entry["RuleNumber"],
                    Egress=entry["Egress"],
                )
