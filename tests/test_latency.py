"""The simulated latency hook of cspm_opa.localclouds.latency, on a real moto server."""

from __future__ import annotations

from collections.abc import Iterator

import boto3
import pytest

from cspm_opa.localclouds.aws_cloud import AwsCloud
from cspm_opa.localclouds.aws_process import isolated_aws_cloud
from cspm_opa.localclouds.latency import LatencyHook, delay_client, simulated_latency


@pytest.fixture(scope="module")
def empty_cloud() -> Iterator[AwsCloud]:
    with isolated_aws_cloud(seed=False) as cloud:
        yield cloud


def _sts(cloud: AwsCloud) -> object:
    with cloud.environment():
        return boto3.client("sts", region_name="us-east-1")


def test_clients_made_inside_the_block_are_delayed_once_per_request(
    empty_cloud: AwsCloud,
) -> None:
    before = _sts(empty_cloud)
    with simulated_latency(5) as hook:
        inside = _sts(empty_cloud)
        for _ in range(3):
            inside.get_caller_identity()  # type: ignore[attr-defined]
        before.get_caller_identity()  # type: ignore[attr-defined]
        assert hook.requests == 3
    inside.get_caller_identity()  # type: ignore[attr-defined]
    assert hook.requests == 3, "the hook stops when the block ends"
    after = _sts(empty_cloud)
    after.get_caller_identity()  # type: ignore[attr-defined]
    assert hook.requests == 3


def test_delay_client_counts_each_request_and_the_answer_is_unchanged(
    empty_cloud: AwsCloud,
) -> None:
    client = _sts(empty_cloud)
    plain = client.get_caller_identity()  # type: ignore[attr-defined]
    hook = delay_client(client, 1)
    slowed = client.get_caller_identity()  # type: ignore[attr-defined]
    assert hook.requests == 1
    assert slowed["Account"] == plain["Account"] == empty_cloud.account_id


def test_negative_latency_is_refused() -> None:
    with pytest.raises(ValueError, match="negative"):
        LatencyHook(-1)
