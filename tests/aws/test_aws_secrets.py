"""Secrets planted in the fake cloud (a Lambda environment variable, EC2 user data, an
RDS parameter and master password) reach no snapshot and no scan output."""

from __future__ import annotations

import base64
import json
from typing import Any

import boto3

from cspm_opa import LocalOpa, build_scan_result, snapshot_from_dict
from cspm_opa.localclouds.aws_cloud import PLANTED_SECRET, AwsCloud
from cspm_opa.model import Finding
from cspm_opa.snapshots import write_snapshot
from tests.aws.conftest import aws_env


def test_the_secret_is_really_planted(cloud: AwsCloud) -> None:
    """Without this, the tests below would pass for the wrong reason."""
    with aws_env(cloud):
        fn = boto3.client("lambda").get_function_configuration(FunctionName="legacy-public-fn")
        assert fn["Environment"]["Variables"]["DB_PASSWORD"] == PLANTED_SECRET
        ec2 = boto3.client("ec2")
        (reservation,) = ec2.describe_instances(
            Filters=[{"Name": "tag:Name", "Values": ["legacy-web"]}]
        )["Reservations"]
        user_data = ec2.describe_instance_attribute(
            InstanceId=reservation["Instances"][0]["InstanceId"], Attribute="userData"
        )["UserData"]["Value"]
        assert PLANTED_SECRET in base64.b64decode(user_data).decode()
        params = boto3.client("rds").describe_db_parameters(DBParameterGroupName="legacy-params")
        assert any(p.get("ParameterValue") == PLANTED_SECRET for p in params["Parameters"])


def test_no_snapshot_holds_the_secret(estate: list[dict[str, Any]], tmp_path: Any) -> None:
    for doc in estate:
        path = write_snapshot(snapshot_from_dict(doc), tmp_path)
        assert PLANTED_SECRET not in path.read_text(encoding="utf-8")
    functions = {
        r["name"]: r["config"] for r in estate[0]["resources"]["aws_lambda_function"].values()
    }
    # The variable is seen, and only its name is kept.
    assert functions["legacy-public-fn"]["environment_variable_names"] == ["DB_PASSWORD"]


def test_no_scan_output_holds_the_secret(
    estate: list[dict[str, Any]], estate_findings: list[Finding], engine: LocalOpa
) -> None:
    snapshots = [snapshot_from_dict(doc) for doc in estate]
    result = build_scan_result(snapshots, estate_findings, engine.catalog)
    text = json.dumps(result)
    assert "legacy-public-fn" in text
    assert PLANTED_SECRET not in text
