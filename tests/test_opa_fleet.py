"""An OPA fleet: two `opa run --server --bundle` processes used as one engine.

One member is killed mid-scan, after it answered its first request: its other requests
go to the member left, and the findings equal a local run's. Members that serve
different catalogs are refused before any work is sent, naming the one that differs.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import requests

from cspm_opa.bundle import build_bundle
from cspm_opa.cli import main
from cspm_opa.engine.client import OpaHttp
from cspm_opa.engine.digest import module_digest
from cspm_opa.engine.fleet import OpaFleet
from cspm_opa.engine.local import LocalOpa
from cspm_opa.errors import EngineError
from cspm_opa.evaluator import evaluate
from cspm_opa.model import Finding, Snapshot
from cspm_opa.snapshots import snapshot_from_dict
from cspm_opa.testing.estate import sample_estate
from tests.conftest import TAG_CHECK, write_policy


def _key(findings: list[Finding]) -> set[tuple[str, str, str, str]]:
    return {(f.uid, f.status.value, f.severity.value, f.message) for f in findings}


class Server:
    def __init__(self, opa_bin: Path, bundle: Path):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{port}"
        self.proc = subprocess.Popen(
            [str(opa_bin), "run", "--server", "--addr", f"127.0.0.1:{port}",
             "--skip-version-check", "--log-level=error", "--bundle", str(bundle)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        OpaHttp(self.url).wait_healthy(30, alive=lambda: self.proc.poll() is None)

    def kill(self) -> None:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    where = tmp_path_factory.mktemp("bundles")
    write_policy(where, "mine/owner_tag.rego", TAG_CHECK)
    return {
        "builtin": build_bundle(where / "builtin.tar.gz", revision="r1").path,
        "custom": build_bundle(where / "custom.tar.gz", policies=[where / "mine"]).path,
    }


@pytest.fixture
def fleet(opa_bin: Path, bundles: dict[str, Path]) -> Iterator[list[Server]]:
    servers = [Server(opa_bin, bundles["builtin"]) for _ in range(2)]
    try:
        yield servers
    finally:
        for server in servers:
            server.stop()


def _estate(copies: int) -> list[Snapshot]:
    """The sample estate several times over (accounts renamed), one request each."""
    out = []
    for i in range(copies):
        for doc in sample_estate():
            text = json.dumps(doc)
            account = doc["account"]["id"]
            renamed = text.replace(account, f"{int(account) + i:012d}")
            out.append(snapshot_from_dict(json.loads(renamed)))
    return out


def test_a_member_killed_mid_scan_has_its_requests_answered_by_the_other(
    fleet: list[Server],
) -> None:
    first, second = fleet
    snaps = _estate(6)

    def answered(url: str) -> None:
        if url == first.url:
            first.kill()  # after its first answer; it may hold another request in flight

    with OpaFleet([first.url, second.url], concurrency=2, on_answer=answered) as engine:
        assert engine.parallelism == 4
        found = evaluate(snaps, engine, workers=engine.parallelism)
        # Should the other member have answered everything left before the killed one
        # was tried again, the next evaluation tries it first (it is first of the idle).
        found += evaluate(snaps[:2], engine, workers=engine.parallelism)
        counts, down = engine.answered(), engine.down()
    with LocalOpa() as local:
        expected = evaluate(snaps, local) + evaluate(snaps[:2], local)
    assert _key(found) == _key(expected)
    assert len(found) == len(expected)  # each request's answer accepted once
    # Killed in its first answer's callback, before it was given more work: at most the
    # one other request it held in flight had been answered already.
    assert 1 <= counts[first.url] <= 2
    assert counts[first.url] + counts[second.url] == len(snaps) + 2
    assert list(down) == [first.url]


def test_members_serving_different_catalogs_are_refused_by_name(
    opa_bin: Path,
    bundles: dict[str, Path],
    fleet: list[Server],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    other = Server(opa_bin, bundles["custom"])
    path = tmp_path / "estate.json"
    path.write_text(json.dumps(sample_estate()[0]), encoding="utf-8")
    try:
        with pytest.raises(EngineError) as caught:
            OpaFleet([fleet[0].url, other.url])
        code = main(["evaluate", str(path), "--opa-url", fleet[0].url, "--opa-url", other.url])
    finally:
        other.stop()
    message = str(caught.value)
    assert f"fleet member {other.url} serves a different catalog from {fleet[0].url}" in message
    assert "revision 'r1'" in message  # the first member's bundle, for the operator
    assert code == 3
    assert f"fleet member {other.url} serves a different catalog" in capsys.readouterr().err


def test_opa_concurrency_without_a_server_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "estate.json"
    path.write_text(json.dumps(sample_estate()[0]), encoding="utf-8")
    assert main(["evaluate", str(path), "--opa-concurrency", "2"]) == 2
    assert "--opa-concurrency is for --opa-url" in capsys.readouterr().err


def test_a_member_missing_checks_of_the_catalog_is_refused(
    opa_bin: Path, bundles: dict[str, Path], fleet: list[Server], tmp_path: Path
) -> None:
    write_policy(tmp_path, "mine/owner_tag.rego", TAG_CHECK)
    with pytest.raises(EngineError, match=f"{fleet[1].url} does not serve 1 check"):
        OpaFleet([fleet[1].url, fleet[0].url], policies=[tmp_path / "mine"])


def test_a_member_that_cannot_be_reached_before_the_scan_is_named(fleet: list[Server]) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        nobody = f"http://127.0.0.1:{sock.getsockname()[1]}"
    with pytest.raises(EngineError, match=f"fleet member {nobody} cannot be used"):
        OpaFleet([fleet[0].url, nobody])


def test_every_member_down_fails_naming_each(fleet: list[Server]) -> None:
    with OpaFleet([s.url for s in fleet], concurrency=1) as engine:
        for server in fleet:
            server.kill()
        with pytest.raises(EngineError, match="every OPA of the fleet failed") as caught:
            evaluate(_estate(1), engine, workers=engine.parallelism)
    assert all(s.url in str(caught.value) for s in fleet)


def test_the_command_line_takes_a_fleet(fleet: list[Server], tmp_path: Path) -> None:
    path = tmp_path / "estate.json"
    path.write_text(json.dumps(sample_estate()[0]), encoding="utf-8")
    urls = [arg for s in fleet for arg in ("--opa-url", s.url)]
    out, local = tmp_path / "fleet.json", tmp_path / "local.json"
    common = [str(path), "--format", "json"]
    assert main(["evaluate", *common, *urls, "--opa-concurrency", "3", "-o", str(out)]) == 0
    assert main(["evaluate", *common, "-o", str(local)]) == 0

    def key(p: Path) -> set[Any]:
        found = json.loads(p.read_text(encoding="utf-8"))["findings"]
        return {(f["uid"], f["status"], f["severity"], f["message"]) for f in found}

    assert key(out) == key(local)


class GoneProxy:
    """A reverse proxy in front of one OPA that, once ``gone`` is set, answers 503 as a
    load balancer does for a backend it lost."""

    def __init__(self, upstream: str):
        self.gone = threading.Event()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def _forward(self) -> None:
                if proxy.gone.is_set():
                    self.send_response(503)
                    self.end_headers()
                    self.wfile.write(b"no healthy upstream")
                    return
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                answer = requests.request(
                    self.command, upstream + self.path, data=body or None, timeout=60,
                    headers={"Content-Type": self.headers.get("Content-Type", "")},
                )  # fmt: skip
                self.send_response(answer.status_code)
                self.send_header("Content-Type", answer.headers.get("Content-Type", ""))
                self.send_header("Content-Length", str(len(answer.content)))
                self.end_headers()
                self.wfile.write(answer.content)

            def do_GET(self) -> None:
                self._forward()

            def do_POST(self) -> None:
                self._forward()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_a_member_a_proxy_reports_gone_is_taken_out(fleet: list[Server]) -> None:
    proxy = GoneProxy(fleet[0].url)
    snaps = _estate(3)

    def answered(url: str) -> None:
        if url == proxy.url:
            proxy.gone.set()

    try:
        with OpaFleet([proxy.url, fleet[1].url], concurrency=1, on_answer=answered) as engine:
            found = evaluate(snaps, engine, workers=engine.parallelism)
            found += evaluate(snaps[:1], engine, workers=engine.parallelism)  # tries it again
            counts, down = engine.answered(), engine.down()
    finally:
        proxy.close()
    with LocalOpa() as local:
        assert _key(found) == _key(evaluate(snaps, local))
    assert counts[proxy.url] == 1 and counts[fleet[1].url] == len(snaps)
    assert list(down) == [proxy.url] and "503" in down[proxy.url]


def test_the_digest_counts_cspm_rego_text_only() -> None:
    check = "package cspm.checks.aws.acme.x\n\nimport rego.v1\n\ndeny contains 1 if false\n"
    authz = "package system.authz\n\ndefault allow := true\n"
    loaded = module_digest([("/srv/rego/x.rego", check), ("authz.rego", authz)])
    bundled = module_digest([("/b.tar.gz/01-mine/x.rego", check), ("/t/x_test.rego", check)])
    assert loaded == bundled
    assert module_digest([("x.rego", check.replace("false", "true"))]) != loaded
