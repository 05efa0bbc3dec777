"""Fixtures for the Azure tests: a local Azure (HTTPS ARM + token endpoint) seeded with
the demo estate, started once per session, and a helper that runs the real collector
against any such server."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from cspm_opa.collect import CollectRequest, collect
from cspm_opa.localclouds.azure_cloud import AzureCloud, AzureCloudServer
from cspm_opa.localclouds.azure_estate import Expected, seed

Collect = Callable[..., list[dict[str, Any]]]


@pytest.fixture(scope="session")
def demo_azure() -> Iterator[tuple[AzureCloudServer, Expected]]:
    """The demo estate, served; with what a scan of it must find."""
    with AzureCloudServer() as server:
        expected = seed(server.cloud)
        yield server, expected


@pytest.fixture
def azure_server() -> Iterator[AzureCloudServer]:
    """A fresh, empty local Azure for one test (tests seed and break it at will)."""
    with AzureCloudServer(AzureCloud()) as server:
        yield server


@pytest.fixture
def run_collect(monkeypatch: pytest.MonkeyPatch) -> Collect:
    """Collect from a server with its CA trusted the way users do it (REQUESTS_CA_BUNDLE)
    and a ClientSecretCredential pointed at its token endpoint."""

    def run(server: AzureCloudServer, **options: Any) -> list[dict[str, Any]]:
        monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(server.ca_path))
        request = CollectRequest(
            provider="azure",
            endpoint=server.url,
            credential=options.pop("credential", None) or server.credential(),
            **options,
        )
        return collect(request)

    return run
