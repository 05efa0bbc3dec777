"""The local Azure seeded with the demo estate (:mod:`cspm_opa.localclouds.azure_estate`),
and the demo's Azure snapshots collected from it by the real collector."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from cspm_opa.collect import CollectRequest, collect
from cspm_opa.localclouds.azure_cloud import AzureCloudServer
from cspm_opa.localclouds.azure_estate import seed


@contextmanager
def azure_demo_cloud() -> Iterator[AzureCloudServer]:
    """A running local Azure seeded with the demo estate: two subscriptions, one in
    good order and one with planted issues beside compliant twins (see
    :mod:`cspm_opa.localclouds.azure_estate`). Yields the server: ``.url`` is the ARM
    endpoint and authority host, ``.env()`` the variables for EnvironmentCredential,
    ``.ca_path`` the CA bundle to trust, ``.credential()`` a ready credential."""
    with AzureCloudServer() as server:
        seed(server.cloud)
        yield server


def collect_demo_snapshots() -> list[dict[str, Any]]:
    """Snapshot documents of the demo estate, collected through the real azure-mgmt
    clients from a local Azure that runs only for this call. For ``cspm-opa demo``:
    REQUESTS_CA_BUNDLE names the local CA while collecting and is restored after."""
    with azure_demo_cloud() as server:
        saved = os.environ.get("REQUESTS_CA_BUNDLE")
        os.environ["REQUESTS_CA_BUNDLE"] = str(server.ca_path)
        try:
            request = CollectRequest(
                provider="azure", endpoint=server.url, credential=server.credential()
            )
            return collect(request)
        finally:
            if saved is None:
                os.environ.pop("REQUESTS_CA_BUNDLE", None)
            else:
                os.environ["REQUESTS_CA_BUNDLE"] = saved
