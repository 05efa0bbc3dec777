"""Fixtures for the AWS tests: the moto-backed two-account cloud (one per worker
session), its two snapshots collected once with the real collector, and their findings
from the real OPA."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from typing import Any

import pytest

from cspm_opa import LocalOpa, evaluate, snapshot_from_dict
from cspm_opa.collect import CollectRequest
from cspm_opa.collect.aws import collect
from cspm_opa.localclouds.aws_cloud import AwsCloud, aws_cloud
from cspm_opa.model import Finding


def aws_env(cloud: AwsCloud, **extra: str) -> contextlib.AbstractContextManager[None]:
    """os.environ as a boto3 program against the fake cloud would have it."""
    return cloud.environment(**extra)


def collect_from(
    cloud: AwsCloud, env: Mapping[str, str] | None = None, **request: Any
) -> list[dict[str, Any]]:
    """Run the real collector against the fake cloud."""
    request.setdefault("regions", cloud.regions)
    with aws_env(cloud, **(env or {})):
        return collect(CollectRequest(provider="aws", **request))


@pytest.fixture(scope="session")
def cloud() -> Iterator[AwsCloud]:
    with aws_cloud() as fake:
        yield fake


@pytest.fixture(scope="session")
def estate(cloud: AwsCloud) -> list[dict[str, Any]]:
    """Both accounts: the legacy one with the default credentials, the hardened one
    through the audit role and its external id."""
    return cloud.collect_estate()


@pytest.fixture(scope="session")
def estate_findings(estate: list[dict[str, Any]], engine: LocalOpa) -> list[Finding]:
    return evaluate([snapshot_from_dict(doc) for doc in estate], engine)
