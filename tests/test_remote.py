"""OpaServer: evaluating on an OPA that someone else runs."""

from __future__ import annotations

import socket
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from cspm_opa import EngineError, LocalOpa, OpaServer, PolicyError, evaluate, snapshot_from_dict
from cspm_opa.engine.client import OpaHttp
from cspm_opa.testing.builders import s3_bucket, snapshot
from tests.conftest import write_policy


@pytest.fixture
def bare_opa(opa_bin: Path) -> Iterator[str]:
    """A plain `opa run --server` with no policies, as a team might run it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen(
        [str(opa_bin), "run", "--server", "--addr", f"127.0.0.1:{port}", "--skip-version-check"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        OpaHttp(url).wait_healthy(30)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def test_upload_then_evaluate_matches_local(bare_opa: str, engine: LocalOpa) -> None:
    account = "111122223333"
    snap = snapshot_from_dict(
        snapshot(account, [s3_bucket(name="a", account=account, config={"policy": None})])
    )
    with OpaServer(bare_opa, upload=True) as remote:
        remote_findings = evaluate([snap], remote)
    assert remote_findings == evaluate([snap], engine)
    assert remote_findings


def test_server_without_the_policies_is_reported(bare_opa: str) -> None:
    account = "111122223333"
    snap = snapshot_from_dict(snapshot(account, [s3_bucket(name="a", account=account)]))
    with OpaServer(bare_opa) as remote, pytest.raises(EngineError, match="are the policies loaded"):
        evaluate([snap], remote)


def test_upload_keeps_opas_error_with_file_and_line(bare_opa: str, tmp_path: Path) -> None:
    # Valid to `opa inspect` but rejected by the server's compiler: a v0-style rule.
    path = write_policy(tmp_path, "p/old.rego", "package cspm.helpers.old\n\nallow { true }\n")
    with pytest.raises(PolicyError) as info:
        OpaServer(bare_opa, policies=[tmp_path / "p"], upload=True)
    assert f"{path}:3" in str(info.value)
