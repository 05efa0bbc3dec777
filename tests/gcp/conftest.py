"""Fixtures for the GCP tests: the seeded demo cloud (started once per session), and a
fresh, empty fake per test for tests that plant their own assets and faults. Both are
read through the real SDK clients with service-account credentials from a key file
whose token_uri is the fake."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from cspm_opa.collect import CollectRequest
from cspm_opa.collect import gcp as gcp_collector
from cspm_opa.localclouds.gcp_cloud import FakeGcp
from cspm_opa.localclouds.gcp_demo import GcpDemoCloud, gcp_demo_cloud
from cspm_opa.testing import gcp_assets as a
from cspm_opa.testing.gcp_assets import ProjectRef

PROJECT = ProjectRef("unit-proj", "555000111222", ("organizations/77",))


@dataclass
class Harness:
    """An empty fake, a key file for it, and the collector pointed at it."""

    server: FakeGcp
    key_file: Path
    sleeps: list[float] = field(default_factory=list)

    def seed(self, *assets: dict[str, Any], project: ProjectRef = PROJECT) -> None:
        """Register ``project`` (its project and Compute metadata assets, Access Approval
        enrolled) and ``assets``."""
        parent = project.ancestors[0] if project.ancestors else None
        self.server.add_project(project.project_id, project.number, parent=parent)
        self.server.add_assets([a.crm_project(project), a.compute_project(project), *assets])
        self.server.set_access_approval(project.project_id)

    def credentials(self) -> Any:
        from google.oauth2 import service_account

        return service_account.Credentials.from_service_account_file(
            str(self.key_file), scopes=["https://www.googleapis.com/auth/cloud-platform"]
        )

    def request(self, **options: Any) -> CollectRequest:
        options.setdefault("projects", (PROJECT.project_id,))
        options.setdefault("credential", self.credentials())
        return CollectRequest(provider="gcp", endpoint=self.server.endpoint, **options)

    def collect(self, **options: Any) -> list[dict[str, Any]]:
        """Collect; waits the collector asks for are recorded in ``sleeps``, not slept."""
        return gcp_collector.collect(self.request(**options), sleep=self.sleeps.append)


@pytest.fixture
def harness(tmp_path: Path) -> Iterator[Harness]:
    """Tiny pages (two assets), so every listing of more than two assets pages."""
    with FakeGcp(max_page_size=2) as server:
        yield Harness(server, server.write_key_file(tmp_path / "key.json"))


@pytest.fixture(scope="session")
def demo_cloud() -> Iterator[GcpDemoCloud]:
    with gcp_demo_cloud() as cloud:
        yield cloud
