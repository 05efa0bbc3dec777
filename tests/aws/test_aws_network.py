"""Network interfaces, elastic IPs, target groups and DB subnets: the payloads of
DescribeNetworkInterfaces, DescribeAddresses, DescribeTargetGroups with
DescribeTargetHealth, DescribeDBInstances and DescribeDBSubnetGroups in, schema-valid
documents out; what was not read is unknown, never empty."""

from __future__ import annotations

from typing import Any

from cspm_opa import snapshot_from_dict
from cspm_opa.normalize.aws import Facts, Record, build_snapshot

ACCOUNT = "111122223333"
US = "us-east-1"
INSTANCE = "i-0abc"
TG_ARN = "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/6d0ecf831eec9f09"
LB_ARN = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/50dc6c495c0c"

ENI = {
    "NetworkInterfaceId": "eni-1",
    "InterfaceType": "interface",
    "Status": "in-use",
    "VpcId": "vpc-1",
    "SubnetId": "subnet-pub",
    "AvailabilityZone": "us-east-1a",
    "PrivateIpAddress": "10.0.10.4",
    "Association": {"PublicIp": "203.0.113.7", "IpOwnerId": "amazon"},
    "PrivateIpAddresses": [
        {"Primary": True, "PrivateIpAddress": "10.0.10.4",
         "Association": {"PublicIp": "203.0.113.7"}},
        {"Primary": False, "PrivateIpAddress": "10.0.10.5",
         "Association": {"PublicIp": "203.0.113.8"}},
    ],
    "Attachment": {"InstanceId": INSTANCE, "DeviceIndex": 0, "Status": "attached"},
    "Groups": [{"GroupId": "sg-ssh", "GroupName": "ssh"}],
    "RequesterManaged": False,
    "SourceDestCheck": True,
    "TagSet": [{"Key": "Name", "Value": "bastion-eth0"}],
}  # fmt: skip
LB_ENI = {
    "NetworkInterfaceId": "eni-2",
    "InterfaceType": "interface",
    "Status": "in-use",
    "VpcId": "vpc-1",
    "SubnetId": "subnet-pub",
    "PrivateIpAddresses": [{"Primary": True, "PrivateIpAddress": "10.0.10.9"}],
    "Groups": [],
    "RequesterManaged": True,
    "Description": "ELB app/web/50dc6c495c0c",
}
ADDRESSES = [
    {
        "AllocationId": "eipalloc-1",
        "AssociationId": "eipassoc-1",
        "Domain": "vpc",
        "InstanceId": INSTANCE,
        "NetworkInterfaceId": "eni-1",
        "PrivateIpAddress": "10.0.10.4",
        "PublicIp": "203.0.113.7",
    },
    # moto answers "" for an address associated with nothing
    {"AllocationId": "eipalloc-2", "Domain": "vpc", "InstanceId": "", "NetworkInterfaceId": "",
     "PublicIp": "203.0.113.9", "Tags": [{"Key": "Name", "Value": "spare"}]},
]  # fmt: skip
TARGET_GROUP = {
    "TargetGroupArn": TG_ARN,
    "TargetGroupName": "web",
    "Protocol": "HTTP",
    "Port": 80,
    "VpcId": "vpc-1",
    "LoadBalancerArns": [LB_ARN],
    "TargetType": "instance",
}
HEALTH = [
    {"Target": {"Id": INSTANCE, "Port": 80}, "TargetHealth": {"State": "healthy"}},
    {"Target": {"Id": "i-0def", "Port": 8080}, "TargetHealth": {"State": "unhealthy"}},
]
SUBNET_GROUP = {
    "DBSubnetGroupName": "public-db",
    "VpcId": "vpc-1",
    "Subnets": [
        {"SubnetIdentifier": "subnet-pub-b", "SubnetAvailabilityZone": {"Name": "us-east-1b"}},
        {"SubnetIdentifier": "subnet-pub", "SubnetAvailabilityZone": {"Name": "us-east-1a"}},
    ],
}


def _db(name: str, **extra: Any) -> dict[str, Any]:
    return {
        "DBInstanceIdentifier": name,
        "DBInstanceArn": f"arn:aws:rds:us-east-1:{ACCOUNT}:db:{name}",
        "Engine": "postgres",
        "PubliclyAccessible": True,
        "VpcSecurityGroups": [{"VpcSecurityGroupId": "sg-pg"}],
        **extra,
    }


def _cluster(name: str, group: str) -> dict[str, Any]:
    return {
        "DBClusterIdentifier": name,
        "DBClusterArn": f"arn:aws:rds:us-east-1:{ACCOUNT}:cluster:{name}",
        "Engine": "aurora-postgresql",
        "DBSubnetGroup": group,
    }


def _snapshot(*records: Record, coverage: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    facts = Facts(ACCOUNT, "aws", [US], "2026-11-29T10:00:00Z", list(records), coverage or [])
    doc = build_snapshot(facts)
    snapshot_from_dict(doc)  # validates against every resource schema
    return doc


def _network_records() -> list[Record]:
    return [
        Record("ec2.network_interfaces", US, {"NetworkInterfaces": [ENI, LB_ENI]}),
        Record("ec2.addresses", US, {"Addresses": ADDRESSES}),
        Record(
            "elbv2.target_group",
            US,
            {"TargetGroup": TARGET_GROUP, "TargetHealthDescriptions": HEALTH},
        ),
    ]


def test_network_interfaces_carry_every_public_address_and_their_instance() -> None:
    found = _snapshot(*_network_records())["resources"]["aws_network_interface"]
    eni = found[f"arn:aws:ec2:us-east-1:{ACCOUNT}:network-interface/eni-1"]
    assert eni["name"] == "bastion-eth0"
    assert eni["config"]["public_ip"] == "203.0.113.7"
    assert eni["config"]["public_ips"] == ["203.0.113.7", "203.0.113.8"]
    assert eni["config"]["private_ip_addresses"] == ["10.0.10.4", "10.0.10.5"]
    assert eni["config"]["attachment_instance_id"] == INSTANCE
    assert eni["config"]["security_group_ids"] == ["sg-ssh"]
    assert eni["config"]["subnet_id"] == "subnet-pub"
    lb = found[f"arn:aws:ec2:us-east-1:{ACCOUNT}:network-interface/eni-2"]
    assert lb["config"]["public_ip"] is None and lb["config"]["public_ips"] == []
    assert lb["config"]["attachment_instance_id"] is None
    assert lb["config"]["requester_managed"] is True


def test_elastic_ips_name_what_they_are_associated_with() -> None:
    found = _snapshot(*_network_records())["resources"]["aws_eip"]
    used = found[f"arn:aws:ec2:us-east-1:{ACCOUNT}:elastic-ip/eipalloc-1"]
    assert used["config"]["instance_id"] == INSTANCE
    assert used["config"]["network_interface_id"] == "eni-1"
    assert used["config"]["public_ip"] == "203.0.113.7"
    spare = found[f"arn:aws:ec2:us-east-1:{ACCOUNT}:elastic-ip/eipalloc-2"]
    assert spare["name"] == "spare"
    assert spare["config"]["instance_id"] is None
    assert spare["config"]["network_interface_id"] is None


def test_target_groups_list_registered_targets_and_balancers() -> None:
    (tg,) = _snapshot(*_network_records())["resources"]["aws_lb_target_group"].values()
    assert tg["id"] == TG_ARN
    assert tg["config"]["load_balancer_arns"] == [LB_ARN]
    assert tg["config"]["target_ids"] == [INSTANCE, "i-0def"]
    assert tg["config"]["targets"][1] == {"id": "i-0def", "port": 8080, "health_state": "unhealthy"}
    assert "unknown" not in tg


def test_unread_targets_are_unknown_not_none_registered() -> None:
    record = Record(
        "elbv2.target_group",
        US,
        {"TargetGroup": TARGET_GROUP, "TargetHealthDescriptions": []},
        failed={"DescribeTargetHealth": "denied: AccessDenied"},
    )
    (tg,) = _snapshot(record)["resources"]["aws_lb_target_group"].values()
    assert tg["unknown"] == ["target_ids", "targets"]
    assert tg["config"]["load_balancer_arns"] == [LB_ARN]


def test_db_instances_carry_their_subnets() -> None:
    record = Record(
        "rds.instances",
        US,
        {"DBInstances": [_db("public-db", DBSubnetGroup=SUBNET_GROUP), _db("no-group")]},
    )
    found = _snapshot(record)["resources"]["aws_db_instance"]
    placed = found[f"arn:aws:rds:us-east-1:{ACCOUNT}:db:public-db"]
    assert placed["config"]["subnet_ids"] == ["subnet-pub", "subnet-pub-b"]
    assert placed["config"]["vpc_id"] == "vpc-1"
    assert "unknown" not in placed
    unplaced = found[f"arn:aws:rds:us-east-1:{ACCOUNT}:db:no-group"]
    assert unplaced["config"]["subnet_ids"] is None
    assert unplaced["unknown"] == ["subnet_ids", "vpc_id"]


def test_db_clusters_find_their_subnets_in_the_subnet_group_listing() -> None:
    clusters = Record(
        "rds.clusters",
        US,
        {"DBClusters": [_cluster("placed", "public-db"), _cluster("elsewhere", "other")]},
    )
    groups = Record("rds.subnet_groups", US, {"DBSubnetGroups": [SUBNET_GROUP]})
    found = _snapshot(clusters, groups)["resources"]["aws_rds_cluster"]
    placed = found[f"arn:aws:rds:us-east-1:{ACCOUNT}:cluster:placed"]
    assert placed["config"]["subnet_ids"] == ["subnet-pub", "subnet-pub-b"]
    assert "subnet_ids" not in placed.get("unknown", [])
    missing = found[f"arn:aws:rds:us-east-1:{ACCOUNT}:cluster:elsewhere"]
    assert missing["config"]["subnet_ids"] is None
    assert "subnet_ids" in missing["unknown"]


def test_a_failed_subnet_group_listing_makes_cluster_subnets_unknown() -> None:
    clusters = Record("rds.clusters", US, {"DBClusters": [_cluster("placed", "public-db")]})
    groups = Record("rds.subnet_groups", US, failed={"DescribeDBSubnetGroups": "denied: x"})
    (cluster,) = _snapshot(clusters, groups)["resources"]["aws_rds_cluster"].values()
    assert cluster["config"]["subnet_ids"] is None
    assert {"subnet_ids", "vpc_id"} <= set(cluster["unknown"])
