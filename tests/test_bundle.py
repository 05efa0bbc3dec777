"""Bundles: built with opa build, served by a plain OPA, scanned through OpaServer."""

from __future__ import annotations

import socket
import subprocess
import tarfile
from pathlib import Path

from cspm_opa import LocalOpa, OpaServer, evaluate, snapshot_from_dict
from cspm_opa.bundle import build_bundle
from cspm_opa.engine.client import OpaHttp
from cspm_opa.testing.estate import sample_estate
from tests.conftest import TAG_CHECK, write_policy


def test_bundle_serves_the_same_findings_as_a_local_scan(tmp_path: Path, opa_bin: Path) -> None:
    write_policy(tmp_path, "mine/owner_tag.rego", TAG_CHECK)
    write_policy(
        tmp_path, "mine/owner_tag_test.rego", "package cspm.checks.aws.acme.owner_tag_test\n"
    )
    bundle = tmp_path / "bundle.tar.gz"
    info = build_bundle(bundle, policies=[tmp_path / "mine"], revision="r1")
    with tarfile.open(bundle) as tar:
        names = tar.getnames()
    assert "/.manifest" in names or ".manifest" in names
    assert not any(n.endswith("_test.rego") for n in names)
    assert not any(str(tmp_path) in n or "/work/" in n for n in names)  # no local paths
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [str(opa_bin), "run", "--server", "--addr", f"127.0.0.1:{port}", "--skip-version-check",
         "--bundle", str(bundle)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    snaps = [snapshot_from_dict(d) for d in sample_estate()]
    try:
        url = f"http://127.0.0.1:{port}"
        OpaHttp(url).wait_healthy(30)
        with OpaServer(url, policies=[tmp_path / "mine"]) as remote:
            assert len(remote.catalog.policies) == info.checks
            served = evaluate(snaps, remote)
    finally:
        server.terminate()
        server.wait(timeout=10)
    with LocalOpa([tmp_path / "mine"]) as local:
        assert served == evaluate(snaps, local)
    assert any(f.policy_id == "ACME-S3-001" for f in served)
