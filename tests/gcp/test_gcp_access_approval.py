"""Access Approval (CIS GCP 2.15) end to end: ``cspm-opa scan --provider gcp`` in a
subprocess against the local GCP, which serves
``GET /v1/projects/{id}/accessApprovalSettings`` beside Cloud Asset Inventory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cspm_opa.localclouds.gcp_cloud import FakeGcp
from cspm_opa.testing import gcp_assets as a
from cspm_opa.testing.gcp_assets import ProjectRef

SCRIPT = Path(sys.executable).with_name("cspm-opa")
ENROLLED = ProjectRef("aa-enrolled", "710000000001", ("organizations/71",))
INHERITED = ProjectRef("aa-inherited", "710000000002", ("organizations/71",))
NOT_ENROLLED = ProjectRef("aa-not-enrolled", "710000000003", ("organizations/71",))
DENIED = ProjectRef("aa-denied", "710000000004", ("organizations/71",))
NO_TRANSPARENCY = ProjectRef("aa-no-transparency", "710000000005", ("organizations/71",))
PROJECTS = (ENROLLED, INHERITED, NOT_ENROLLED, DENIED, NO_TRANSPARENCY)


@pytest.fixture
def fake(tmp_path: Path) -> Iterator[tuple[FakeGcp, Path]]:
    with FakeGcp() as server:
        for p in PROJECTS:
            server.add_project(p.project_id, p.number, parent=p.ancestors[0])
            server.add_assets([a.crm_project(p), a.compute_project(p)])
        server.set_access_approval(ENROLLED.project_id)
        server.set_access_approval(INHERITED.project_id, services=(), ancestor=True)
        server.set_access_approval(NO_TRANSPARENCY.project_id, transparency=False)
        yield server, server.write_key_file(tmp_path / "key.json")


def _scan(server: FakeGcp, key: Path, tmp_path: Path) -> dict[str, Any]:
    out = tmp_path / "out.json"
    env = {**os.environ, "GOOGLE_APPLICATION_CREDENTIALS": str(key)}
    env.pop("GOOGLE_CLOUD_PROJECT", None)
    proc = subprocess.run(
        [str(SCRIPT), "scan", "--provider", "gcp",
         "--projects", ",".join(p.project_id for p in PROJECTS),
         "--gcp-endpoint", server.endpoint, "--format", "json", "-o", str(out),
         "--snapshot-out", str(tmp_path / "snapshots")],
        env=env, capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    result: dict[str, Any] = json.loads(out.read_text())
    return result


def test_enrolled_projects_pass_the_rest_fail_and_a_denied_read_is_unknown(
    fake: tuple[FakeGcp, Path], tmp_path: Path
) -> None:
    server, key = fake
    server.fail(403, api="accessapproval", parent=f"projects/{DENIED.project_id}", times=None)
    server.fail(
        429, api="accessapproval", parent=f"projects/{ENROLLED.project_id}", retry_after="1"
    )
    result = _scan(server, key, tmp_path)
    status = {
        f["resource"]["account"]: (f["status"], f["message"])
        for f in result["findings"]
        if f["policy_id"] == "GCP-IAM-008"
    }
    assert {k: v[0] for k, v in status.items()} == {
        "aa-enrolled": "PASS",
        "aa-inherited": "PASS",
        "aa-not-enrolled": "FAIL",
        "aa-denied": "UNKNOWN",
        "aa-no-transparency": "FAIL",  # 400 FAILED_PRECONDITION: it cannot be enrolled
    }
    assert "access_approval could not be collected" in status["aa-denied"][1]
    enrolled_hits = [
        r.status
        for r in server.requests
        if r.path == f"/v1/projects/{ENROLLED.project_id}/accessApprovalSettings"
    ]
    assert enrolled_hits == [429, 200]
    denied = json.loads((tmp_path / "snapshots" / "gcp-aa-denied.json").read_text())
    (project,) = denied["resources"]["google_project"].values()
    assert project["unknown"] == ["access_approval"]
    # the denied read leaves the project's other checks as they were
    others = {
        f["policy_id"]: f["status"]
        for f in result["findings"]
        if f["resource"]["account"] == "aa-denied" and f["policy_id"] != "GCP-IAM-008"
    }
    assert others and "UNKNOWN" not in others.values()
    enrolled = json.loads((tmp_path / "snapshots" / "gcp-aa-enrolled.json").read_text())
    (project,) = enrolled["resources"]["google_project"].values()
    assert project["config"]["access_approval"] == {
        "enabled": True,
        "enrolled_services": ["all"],
        "enrolled_ancestor": False,
        "notification_email_count": 1,
    }
    assert "approvers@example.com" not in json.dumps(enrolled)


def test_an_invalid_argument_is_a_failure_not_a_verdict(harness: Any) -> None:
    """400 INVALID_ARGUMENT says nothing about enrolment: the field is unknown, the
    collection goes on."""
    harness.seed()
    harness.server.fail(400, api="accessapproval", times=None)
    (doc,) = harness.collect()
    (project,) = doc["resources"]["google_project"].values()
    assert project["unknown"] == ["access_approval"]
    assert "access_approval" not in project["config"]
