"""The seed's risk matrix, through `cspm-opa scan` on an estate built for it in moto.

One account of medium criticality (the default without a scope file), no CloudTrail:

| finding | check | severity | exposed | path | priority |
|---|---|---|---|---|---|
| S3 public read (PII bucket) | AWS-S3-005 | HIGH | yes | PATH-AWS-002 | CRITICAL |
| RDS without encryption at rest | AWS-RDS-001 | HIGH | no | none | MEDIUM |
| SG open to 0.0.0.0/0 on 22 | AWS-EC2-003 | HIGH | yes | PATH-AWS-001 | CRITICAL |
| no multi-region trail | AWS-CLOUDTRAIL-001 | HIGH | account-wide | none | HIGH+ |
| unencrypted, unattached EBS volume | AWS-EBS-002 | MEDIUM | no | none | LOW |

A hardened instance (private subnet, IMDSv2, no role) is on no path, and the account's
posture score is capped by its certain CRITICAL path.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cspm_opa.localclouds.aws_cloud import ISOLATION, UNSET, AwsCloud
from cspm_opa.localclouds.aws_process import isolated_aws_cloud

REGION = "us-east-1"
ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess"


def _tags(kind: str, name: str) -> list[dict[str, Any]]:
    return [{"ResourceType": kind, "Tags": [{"Key": "Name", "Value": name}]}]


def _build(cloud: AwsCloud) -> None:
    import boto3

    def c(service: str) -> Any:
        return boto3.client(
            service,
            region_name=REGION,
            endpoint_url=cloud.endpoint_url,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )

    ec2, iam, s3, rds = c("ec2"), c("iam"), c("s3"), c("rds")
    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    public = ec2.create_subnet(
        VpcId=vpc, CidrBlock="10.0.1.0/24", TagSpecifications=_tags("subnet", "public")
    )["Subnet"]["SubnetId"]
    private = ec2.create_subnet(
        VpcId=vpc, CidrBlock="10.0.2.0/24", TagSpecifications=_tags("subnet", "private")
    )["Subnet"]["SubnetId"]
    ec2.modify_subnet_attribute(SubnetId=public, MapPublicIpOnLaunch={"Value": True})
    igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
    table = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=table, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
    ec2.associate_route_table(RouteTableId=table, SubnetId=public)
    ssh = ec2.create_security_group(GroupName="open-ssh", Description="ssh", VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(
        GroupId=ssh,
        IpPermissions=[
            {
                "IpProtocol": "tcp",
                "FromPort": 22,
                "ToPort": 22,
                "IpRanges": [{"CidrIp": "0.0.0.0/0"}],
            }
        ],
    )
    inner = ec2.create_security_group(GroupName="inner", Description="https", VpcId=vpc)["GroupId"]
    ec2.authorize_security_group_ingress(
        GroupId=inner,
        IpPermissions=[
            {
                "IpProtocol": "tcp",
                "FromPort": 443,
                "ToPort": 443,
                "IpRanges": [{"CidrIp": "10.0.0.0/16"}],
            }
        ],
    )
    trust = json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"Service": "ec2.amazonaws.com"},
                    "Action": "sts:AssumeRole",
                }
            ],
        }
    )
    iam.create_role(RoleName="ops-admin", AssumeRolePolicyDocument=trust)
    iam.attach_role_policy(RoleName="ops-admin", PolicyArn=ADMIN)
    profile = iam.create_instance_profile(InstanceProfileName="ops-admin")["InstanceProfile"]
    iam.add_role_to_instance_profile(InstanceProfileName="ops-admin", RoleName="ops-admin")
    ec2.run_instances(
        ImageId="ami-0c02fb55956c7d316",
        MinCount=1,
        MaxCount=1,
        SubnetId=public,
        SecurityGroupIds=[ssh],
        IamInstanceProfile={"Arn": profile["Arn"]},
        MetadataOptions={"HttpTokens": "optional", "HttpEndpoint": "enabled"},
        TagSpecifications=_tags("instance", "ops-bastion"),
    )
    ec2.run_instances(
        ImageId="ami-0c02fb55956c7d316",
        MinCount=1,
        MaxCount=1,
        SubnetId=private,
        SecurityGroupIds=[inner],
        MetadataOptions={"HttpTokens": "required", "HttpEndpoint": "enabled"},
        TagSpecifications=_tags("instance", "hardened-app"),
    )
    s3.create_bucket(Bucket="customer-pii")
    s3.put_bucket_acl(Bucket="customer-pii", ACL="public-read")
    s3.put_bucket_tagging(
        Bucket="customer-pii", Tagging={"TagSet": [{"Key": "DataClassification", "Value": "PII"}]}
    )
    rds.create_db_instance(
        DBInstanceIdentifier="plain-db",
        Engine="postgres",
        DBInstanceClass="db.t3.micro",
        MasterUsername="app",
        MasterUserPassword="not-a-secret-1",
        AllocatedStorage=20,
        StorageEncrypted=False,
        PubliclyAccessible=False,
        VpcSecurityGroupIds=[inner],
    )
    ec2.create_volume(
        AvailabilityZone=f"{REGION}a",
        Size=8,
        Encrypted=False,
        TagSpecifications=_tags("volume", "orphan-volume"),
    )


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    out = tmp_path_factory.mktemp("matrix") / "result.json"
    with isolated_aws_cloud(seed=False) as cloud:
        _build(cloud)
        env = {k: v for k, v in os.environ.items() if k not in UNSET}
        env.update({**ISOLATION, **cloud.env})
        env = {k: v for k, v in env.items() if v != ""}
        proc = subprocess.run(
            [
                str(Path(sys.executable).with_name("cspm-opa")),
                "scan",
                "--provider",
                "aws",
                "--regions",
                REGION,
                "--format",
                "json",
                "-o",
                str(out),
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    assert proc.returncode in (0, 1), proc.stderr
    yield json.loads(out.read_text(encoding="utf-8"))


def _finding(result: dict[str, Any], policy: str, name: str | None = None) -> dict[str, Any]:
    found = [
        f
        for f in result["findings"]
        if f["policy_id"] == policy
        and f["status"] == "FAIL"
        and (name is None or f["resource"]["name"] == name)
    ]
    assert len(found) == 1, [f["resource"]["name"] for f in found]
    return found[0]


@pytest.mark.parametrize(
    "row",
    [
        ("AWS-S3-005", "customer-pii", "HIGH", "internet", True, {"CRITICAL"}),
        ("AWS-RDS-001", "plain-db", "HIGH", "network", False, {"MEDIUM"}),
        ("AWS-EC2-003", "open-ssh", "HIGH", "internet", True, {"CRITICAL"}),
        ("AWS-CLOUDTRAIL-001", None, "HIGH", "none", False, {"HIGH", "CRITICAL"}),
        ("AWS-EBS-002", "orphan-volume", "MEDIUM", "none", False, {"LOW"}),
    ],
)
def test_the_seed_matrix(
    result: dict[str, Any], row: tuple[str, str | None, str, str, bool, set[str]]
) -> None:
    policy, name, severity, exposure, on_path, levels = row
    finding = _finding(result, policy, name)
    priority = finding["priority"]
    factors = priority["factors"]
    assert finding["severity"] == severity
    assert factors["exposure"] == exposure
    assert bool(factors["attack_paths"]) is on_path
    assert factors["account_criticality"] == "medium"
    assert priority["level"] in levels, priority


def test_the_paths_are_certain_and_the_hardened_instance_is_on_none(
    result: dict[str, Any],
) -> None:
    rules = {p["rule"]: p for p in result["attack_paths"]}
    assert rules["PATH-AWS-001"]["confidence"] == "certain"
    assert rules["PATH-AWS-001"]["target"]["resource"]["name"] == "ops-admin"
    assert rules["PATH-AWS-002"]["target"]["resource"]["name"] == "customer-pii"
    names = {
        s["resource"]["name"] for p in result["attack_paths"] for s in [*p["steps"], p["target"]]
    }
    assert "hardened-app" not in names and "plain-db" not in names
    assert {"ops-bastion", "open-ssh", "customer-pii"} <= names


def test_a_certain_critical_path_caps_the_account(result: dict[str, Any]) -> None:
    (account,) = result["summary"]["by_account"].values()
    assert account["posture_score"] <= 60
