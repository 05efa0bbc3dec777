"""The demo estate across clouds: each provider's part collected by its real collector
from a local fake that speaks that cloud's wire format, so `cspm-opa demo` runs the whole
job on a machine with no credentials.

A provider whose SDK extra is not installed is left out with a note, not an error.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cspm_opa.errors import ConfigError

__all__ = ["DemoPart", "demo_parts"]

Collector = Callable[[], list[dict[str, Any]]]


class DemoPart:
    """One provider's share of the demo: a name and how to collect it."""

    def __init__(self, provider: str, describe: str, collect: Collector):
        self.provider = provider
        self.describe = describe
        self.collect = collect


def _aws() -> list[dict[str, Any]]:
    from cspm_opa.localclouds.aws_cloud import aws_cloud

    with aws_cloud() as cloud:
        return cloud.collect_estate()


def _azure() -> list[dict[str, Any]]:
    from cspm_opa.localclouds.azure_demo import collect_demo_snapshots

    return collect_demo_snapshots()


def _gcp() -> list[dict[str, Any]]:
    from cspm_opa.collect import collect
    from cspm_opa.localclouds.gcp_demo import gcp_demo_cloud

    with gcp_demo_cloud() as cloud:
        return collect(cloud.collect_request())


def demo_parts() -> list[DemoPart]:
    return [
        DemoPart(
            "aws",
            "two AWS accounts from moto, boto3 collector, the second via an assumed role",
            _aws,
        ),
        DemoPart("azure", "Azure subscriptions from a local ARM fake, azure-mgmt clients", _azure),
        DemoPart("gcp", "GCP projects from a local Cloud Asset fake, google-cloud-asset", _gcp),
    ]


def collect_part(part: DemoPart) -> tuple[list[dict[str, Any]], str | None]:
    """The part's snapshot documents, or none and why (a missing SDK extra)."""
    try:
        return part.collect(), None
    except (ConfigError, ModuleNotFoundError) as exc:
        return [], f"{part.provider} left out: {exc}"
