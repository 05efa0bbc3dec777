"""The local GCP seeded with the demo estate (:mod:`cspm_opa.localclouds.gcp_seed`), with
a service-account key file for it: what the demo and the GCP tests scan."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cspm_opa.collect import CollectRequest
from cspm_opa.localclouds.gcp_cloud import FakeGcp
from cspm_opa.localclouds.gcp_seed import PROD, SHARED, Expectation, seed_demo


@dataclass
class GcpDemoCloud:
    """What a caller needs to scan the demo project through the real SDK clients."""

    server: FakeGcp
    key_file: Path
    project_ids: tuple[str, ...]
    expectations: tuple[Expectation, ...]

    @property
    def endpoint(self) -> str:
        return self.server.endpoint

    @property
    def env(self) -> dict[str, str]:
        """Environment for a subprocess (``cspm-opa scan --provider gcp``)."""
        return {"GOOGLE_APPLICATION_CREDENTIALS": str(self.key_file)}

    def credentials(self) -> Any:
        """google-auth credentials from the key file, as ADC would load them."""
        from google.oauth2 import service_account

        return service_account.Credentials.from_service_account_file(  # type: ignore[no-untyped-call]
            str(self.key_file), scopes=["https://www.googleapis.com/auth/cloud-platform"]
        )

    def collect_request(self, **overrides: Any) -> CollectRequest:
        """A CollectRequest for the demo projects, credentials injected (no env needed)."""
        values: dict[str, Any] = {
            "provider": "gcp",
            "projects": self.project_ids,
            "endpoint": self.endpoint,
            "credential": self.credentials(),
        }
        values.update(overrides)
        return CollectRequest(**values)


@contextmanager
def gcp_demo_cloud(*, max_page_size: int = 1000) -> Iterator[GcpDemoCloud]:
    """Start a :class:`FakeGcp` seeded with the demo estate and a key file for it."""
    with (
        tempfile.TemporaryDirectory(prefix="cspm-gcp-") as tmp,
        FakeGcp(max_page_size=max_page_size) as server,
    ):
        expectations = [*seed_demo(server), *_access_approval(server)]
        key_file = server.write_key_file(Path(tmp) / "scanner-key.json")
        projects = tuple(sorted({e.project_id for e in expectations}))
        yield GcpDemoCloud(server, key_file, projects, tuple(expectations))


def _access_approval(server: FakeGcp) -> list[Expectation]:
    """Access Approval (served beside Cloud Asset, which does not export it): enrolled
    in the production project, never set up in the shared one."""
    server.set_access_approval(PROD.project_id)
    return [Expectation(SHARED.project_id, "GCP-IAM-008", SHARED.crm_name)]
