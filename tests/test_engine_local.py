"""LocalOpa: the managed OPA server, its token, and its refusals."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
import requests

from cspm_opa import CapabilityError, EngineError, LocalOpa, PolicyError
from cspm_opa.engine.binary import find_opa
from tests.conftest import TAG_CHECK, write_policy


def test_request_without_the_token_is_refused(engine: LocalOpa) -> None:
    url = f"{engine.url}/v1/data/cspm/main/results"
    anonymous = requests.post(url, json={"input": {}}, timeout=10)
    assert anonymous.status_code == 401
    wrong = requests.post(
        url, json={"input": {}}, headers={"Authorization": "Bearer guess"}, timeout=10
    )
    assert wrong.status_code == 401
    # Nor may another process replace or read the policies.
    put = requests.put(f"{engine.url}/v1/policies/evil", data="package evil", timeout=10)
    assert put.status_code == 401
    assert requests.get(f"{engine.url}/v1/policies", timeout=10).status_code == 401
    ok = requests.post(
        url,
        json={"input": {"resources": {}}},
        headers={"Authorization": f"Bearer {engine.token}"},
        timeout=10,
    )
    assert ok.status_code == 200
    assert "aws.s3.deny_http" in ok.json()["result"]


def test_server_listens_on_loopback_only(engine: LocalOpa) -> None:
    assert engine.url.startswith("http://127.0.0.1:")


def test_close_stops_the_server(opa_bin: Path) -> None:
    opa = LocalOpa(opa_bin=opa_bin)
    url = opa.url
    opa.close()
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.get(f"{url}/health", timeout=2)
    with pytest.raises(EngineError, match="closed"):
        _ = opa.url


def test_rego_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    write_policy(
        tmp_path, "bad/check.rego", "package cspm.checks.aws.x.y\n\ndeny contains x if {\n"
    )
    with pytest.raises(PolicyError) as info:
        LocalOpa([tmp_path / "bad"])
    assert f"{tmp_path}/bad/check.rego:3" in str(info.value) or "check.rego:4" in str(info.value)
    assert "rego_parse_error" in str(info.value)


def test_network_builtins_are_refused_before_loading(tmp_path: Path) -> None:
    text = TAG_CHECK.replace(
        "not bucket.tags.Owner",
        'not bucket.tags.Owner\n\thttp.send({"method": "GET", "url": "http://127.0.0.1:9"})',
    )
    write_policy(tmp_path, "net/check.rego", text)
    with pytest.raises(CapabilityError) as info:
        LocalOpa([tmp_path / "net"])
    assert "check.rego:16" in str(info.value)
    assert "http.send" in str(info.value)


def test_network_builtins_load_when_the_user_opts_in(tmp_path: Path) -> None:
    text = TAG_CHECK.replace(
        "not bucket.tags.Owner",
        'not bucket.tags.Owner\n\tnet.lookup_ip_addr("localhost")',
    )
    write_policy(tmp_path, "net/check.rego", text)
    with LocalOpa([tmp_path / "net"], allow_network=True) as opa:
        assert "ACME-S3-001" in {p.id for p in opa.catalog.policies}


def test_missing_policy_directory(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="does not exist"):
        LocalOpa([tmp_path / "absent"])


def test_find_opa_prefers_argument_then_env(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opa_bin: Path
) -> None:
    fake = tmp_path / "opa"
    fake.write_text("#!/bin/sh\nexit 0\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("CSPM_OPA_BIN", str(opa_bin))
    assert find_opa(fake) == fake
    assert find_opa() == opa_bin
    monkeypatch.setenv("CSPM_OPA_BIN", str(tmp_path / "missing"))
    with pytest.raises(EngineError, match="CSPM_OPA_BIN is not an executable"):
        find_opa()


def test_a_binary_that_is_not_opa_fails_to_start(tmp_path: Path) -> None:
    fake = tmp_path / "opa"
    fake.write_text("#!/bin/sh\necho 'not opa' >&2\nexit 7\n")
    os.chmod(fake, 0o755)
    with pytest.raises(EngineError):
        LocalOpa(opa_bin=fake)


def test_every_flag_it_passes_is_one_opa_documents(engine: LocalOpa) -> None:
    """A deprecated flag (OPA hides them from --help, like --disable-telemetry) is caught
    here before OPA drops it."""
    import subprocess

    documented = subprocess.run(
        [str(engine.opa), "run", "--help"], capture_output=True, text=True, check=True
    ).stdout
    args = [str(a) for a in engine._proc.args]  # type: ignore[union-attr]
    flags = {a.split("=", 1)[0] for a in args if a.startswith("--")}
    assert "--skip-version-check" in flags
    for flag in sorted(flags):
        assert f"{flag}[=" in documented or f"{flag} " in documented, flag
