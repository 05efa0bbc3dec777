"""Azure and GCP collection on Dask: Azure as one task per (subscription, service) plus
one for the tenant, GCP as one per project, each worker signing in with its own
credentials (the environment it was started with: a client secret for Azure, a
service-account key file for GCP), never with an object sent to it. The local Azure and
GCP servers speak the real protocols to the real SDK clients.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterator
from typing import Any

import pytest

from cspm_opa.collect import CollectRequest, collect
from cspm_opa.errors import ConfigError
from cspm_opa.localclouds.azure_cloud import AzureCloudServer
from cspm_opa.localclouds.azure_estate import SUBSCRIPTIONS, seed
from cspm_opa.localclouds.gcp_demo import GcpDemoCloud, gcp_demo_cloud
from cspm_opa.scale import Fanout, open_fanout
from cspm_opa.scale import azure as scale_azure
from cspm_opa.scale.collect import collect_on
from cspm_opa.scale.worker import worker_state


@pytest.fixture(scope="module")
def clouds() -> Iterator[tuple[AzureCloudServer, GcpDemoCloud]]:
    with AzureCloudServer() as azure, gcp_demo_cloud() as gcp:
        seed(azure.cloud)
        yield azure, gcp


@pytest.fixture(scope="module")
def fanout(clouds: tuple[AzureCloudServer, GcpDemoCloud]) -> Iterator[Fanout]:
    """A LocalCluster whose worker processes start with the clouds' credentials in their
    environment, as a worker machine has its own."""
    azure, gcp = clouds
    wanted = {**azure.env(), **gcp.env}
    saved = {k: os.environ.get(k) for k in wanted}
    os.environ.update(wanted)
    try:
        with open_fanout("local", dask_workers=2) as found:
            yield found
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _by_account(docs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {d["account"]["id"]: d for d in docs}


def test_azure_services_of_each_subscription_are_collected_one_task_each(
    clouds: tuple[AzureCloudServer, GcpDemoCloud], fanout: Fanout
) -> None:
    azure, _ = clouds
    request = CollectRequest(
        provider="azure", endpoint=azure.url, subscriptions=tuple(sorted(SUBSCRIPTIONS))
    )
    local = _by_account(collect(request))
    found = _by_account(collect_on(request, fanout))
    assert sorted(found) == sorted(SUBSCRIPTIONS)
    # Signed in on the workers, not here.
    assert sum(s["azure_sessions"] for s in fanout.client.run(worker_state).values()) >= 1
    assert scale_azure._SESSIONS == {}
    for sid, doc in found.items():
        assert doc["resources"] == local[sid]["resources"]
        assert doc["coverage"] == local[sid]["coverage"]


def test_gcp_projects_are_collected_one_task_each(
    clouds: tuple[AzureCloudServer, GcpDemoCloud], fanout: Fanout
) -> None:
    _, gcp = clouds
    request = gcp.collect_request(credential=None)
    assert len(request.projects) >= 1
    local = _by_account(collect(dataclasses.replace(request, credential=gcp.credentials())))
    found = _by_account(collect_on(request, fanout))
    assert sorted(found) == sorted(local)
    for pid, doc in found.items():
        assert doc["resources"] == local[pid]["resources"]
        assert doc["coverage"] == local[pid]["coverage"]


def test_a_credential_object_is_never_sent_to_workers(
    clouds: tuple[AzureCloudServer, GcpDemoCloud], fanout: Fanout
) -> None:
    azure, _ = clouds
    request = CollectRequest(provider="azure", endpoint=azure.url, credential=azure.credential())
    with pytest.raises(ConfigError, match="cannot travel to Dask workers"):
        collect_on(request, fanout)
