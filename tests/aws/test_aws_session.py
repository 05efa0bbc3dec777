"""Sessions, clients and regions: what boto3 users expect (their environment, adaptive
retries, connection pools sized to the workers) and assumed roles that refresh."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import botocore.client
import pytest
from botocore.credentials import DeferredRefreshableCredentials
from dateutil.tz import tzutc

from cspm_opa.collect import CollectRequest
from cspm_opa.collect.aws import _regions, units_for
from cspm_opa.collect.aws.api import Api, classify
from cspm_opa.collect.aws.session import SESSION_NAME, base_session, targets_for
from cspm_opa.localclouds.aws_cloud import SECOND_ACCOUNT, AwsCloud
from tests.aws.conftest import aws_env


def test_clients_retry_adaptively_with_a_pool_per_worker(cloud: AwsCloud) -> None:
    with aws_env(cloud, AWS_MAX_ATTEMPTS="7"):
        api = Api(base_session(None), workers=32)
        client = api.client("ec2", "us-east-1")
    assert client.meta.config.retries == {"mode": "adaptive", "total_max_attempts": 7}
    assert client.meta.config.max_pool_connections == 32
    assert api.client("ec2", "us-east-1") is client  # one client per service and region
    assert client.meta.endpoint_url == cloud.endpoint_url  # AWS_ENDPOINT_URL, untouched


def test_regions_all_means_the_enabled_ones(cloud: AwsCloud) -> None:
    with aws_env(cloud):
        api = Api(base_session(None), workers=2)
        regions = _regions(api, "us-east-1", ("all",))
        assert _regions(api, "us-east-1", None) == ["us-east-1"]
        assert _regions(api, "us-east-1", ("eu-west-1", "eu-west-1")) == ["eu-west-1"]
    assert len(regions) > 10 and {"us-east-1", "eu-west-1"} <= set(regions)
    assert regions == sorted(regions)


def test_units_cover_global_services_once_and_the_rest_per_region() -> None:
    units = units_for("111122223333", "us-east-1", ["us-east-1", "eu-west-1"])
    per_service: dict[str, set[str]] = {}
    for unit in units:
        per_service.setdefault(unit.service, set()).add(unit.region)
    assert per_service["iam"] == {"global"} and per_service["s3"] == {"global"}
    assert per_service["ec2"] == per_service["kms"] == {"us-east-1", "eu-west-1"}


def test_assumed_role_credentials_refresh(cloud: AwsCloud, monkeypatch: pytest.MonkeyPatch) -> None:
    from moto.sts.models import sts_backends

    calls: list[str] = []
    original = botocore.client.BaseClient._make_api_call

    def recording(self: Any, operation: str, params: Any) -> Any:
        calls.append(operation)
        return original(self, operation, params)

    monkeypatch.setattr(botocore.client.BaseClient, "_make_api_call", recording)
    request = CollectRequest(provider="aws", role_arn=cloud.role_arn, external_id=cloud.external_id)
    with aws_env(cloud):
        (target,) = targets_for(request)
        credentials = target.session.get_credentials()
        assert isinstance(credentials, DeferredRefreshableCredentials)
        assert calls == []  # deferred: nothing is fetched until first use
        first = credentials.get_frozen_credentials()
        # As if the hour had passed: the credentials and the fetcher's cached copy expire.
        credentials._expiry_time = datetime.now(tzutc()) - timedelta(minutes=1)
        credentials._refresh_using.__self__._cache.clear()
        second = credentials.get_frozen_credentials()
    assert calls == ["AssumeRole", "AssumeRole"]
    assert first.access_key != second.access_key
    assumed = [r for r in sts_backends[SECOND_ACCOUNT]["aws"].assumed_roles
               if r.access_key_id == second.access_key]  # fmt: skip
    (role,) = assumed
    assert (role.role_arn, role.external_id, role.session_name) == (
        cloud.role_arn,
        cloud.external_id,
        SESSION_NAME,
    )
    assert target.account_id == SECOND_ACCOUNT


@pytest.mark.parametrize(
    ("code", "http", "status"),
    [
        ("AccessDenied", 403, "denied"),
        ("AccessDeniedException", 400, "denied"),
        ("UnauthorizedOperation", 403, "denied"),
        ("AuthFailure", 401, "denied"),
        ("Throttling", 400, "throttled"),
        ("RequestLimitExceeded", 503, "throttled"),
        ("TooManyRequestsException", 429, "throttled"),
        ("OptInRequired", 403, "denied"),  # a 403 is a denial, whatever its code
        ("SubscriptionRequiredException", 400, "unsupported"),
        ("InvalidAction", 400, "unsupported"),
        ("InternalError", 500, "error"),
    ],
)
def test_error_classification(code: str, http: int, status: str) -> None:
    error = botocore.exceptions.ClientError(
        {"Error": {"Code": code, "Message": "m"}, "ResponseMetadata": {"HTTPStatusCode": http}},
        "DescribeThings",
    )
    assert classify(error) == (status, f"{code}: m")


def test_endpoint_problems_are_classified() -> None:
    unknown = botocore.exceptions.UnknownEndpointError(service_name="x", region_name="y")
    assert classify(unknown)[0] == "unsupported"
    down = botocore.exceptions.EndpointConnectionError(endpoint_url="http://x")
    assert classify(down)[0] == "error"
