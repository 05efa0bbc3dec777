"""``cspm-opa watch`` as a process against a moto server of its own: three cycles that
survive the OPA server being killed under one of them and hand each delta to alert routing
(a webhook), and a clean stop on SIGTERM in the middle of a cycle (a second SIGTERM
abandons it)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO, Any

import psutil
import pytest

from cspm_opa.localclouds.aws_cloud import AwsCloud
from cspm_opa.localclouds.aws_process import isolated_aws_cloud
from cspm_opa.store import open_store

pytest.importorskip("moto")

TIMEOUT = 240


@pytest.fixture(scope="module")
def cloud() -> Iterator[AwsCloud]:
    with isolated_aws_cloud() as fake:
        yield fake


def _start(cloud: AwsCloud, tmp_path: Path, *extra: str) -> subprocess.Popen[str]:
    env = {**os.environ, **cloud.env}
    env.pop("CSPM_OPA_STORE", None)
    args = [
        sys.executable, "-m", "cspm_opa", "watch", "--provider", "aws",
        "--regions", "us-east-1,us-west-2", "--interval", "1s",
        "--store", str(tmp_path / "history.db"), "--heartbeat", str(tmp_path / "hb.json"),
        *extra,
    ]  # fmt: skip
    return subprocess.Popen(args, env=env, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL,
                            text=True, encoding="utf-8")  # fmt: skip


def _until(stream: IO[str], needle: str, seen: list[str]) -> str:
    """Read log lines until one holds ``needle``; keep them all in ``seen``."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        line = stream.readline()
        if not line:
            raise AssertionError(f"watch ended before {needle!r}:\n{''.join(seen)}")
        seen.append(line)
        if needle in line:
            return line
    raise AssertionError(f"no {needle!r} within {TIMEOUT}s:\n{''.join(seen)}")


def _finish(proc: subprocess.Popen[str], seen: list[str]) -> int:
    assert proc.stderr is not None
    _, rest = proc.communicate(timeout=TIMEOUT)
    seen.append(rest)
    return proc.returncode


def _opa(proc: subprocess.Popen[str]) -> psutil.Process:
    children = [p for p in psutil.Process(proc.pid).children() if "opa" in p.name()]
    assert len(children) == 1, children
    return children[0]


def _heartbeat(tmp_path: Path) -> dict[str, Any]:
    doc: dict[str, Any] = json.loads((tmp_path / "hb.json").read_text())
    return doc


def _scans(tmp_path: Path) -> list[dict[str, Any]]:
    with open_store(str(tmp_path / "history.db")) as store:
        return store.scans()


@pytest.fixture
def webhook() -> Iterator[tuple[str, list[Any]]]:
    """A local webhook receiver: its URL, and the JSON bodies posted to it."""
    received: list[Any] = []

    class Hook(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            received.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Hook)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook", received
    finally:
        server.shutdown()
        server.server_close()


def test_three_cycles_survive_opa_killed_under_one(
    cloud: AwsCloud, tmp_path: Path, webhook: tuple[str, list[Any]]
) -> None:
    url, received = webhook
    routes = tmp_path / "routes.yaml"
    routes.write_text(
        f"sinks:\n  hook: {{type: webhook, url: '{url}'}}\n"
        "routes:\n  - name: everything\n    sinks: [hook]\n"
    )
    proc = _start(cloud, tmp_path, "--max-cycles", "3", "--routes", str(routes),
                  "--spool", str(tmp_path / "spool"))  # fmt: skip
    assert proc.stderr is not None
    seen: list[str] = []
    try:
        # Once cycle 1 is recorded, kill the OPA server it started: cycle 2 is already
        # collecting (the interval is long gone), and its evaluation meets a dead engine.
        _until(proc.stderr, "cycle 1: scan 1 recorded", seen)
        opa = _opa(proc)
        opa.kill()
        opa.wait(30)
        code = _finish(proc, seen)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    log = "".join(seen)
    assert code == 0, log
    assert "cycle 2 failed" in log, log
    assert "cycle 3 ok" in log, log
    beat = _heartbeat(tmp_path)
    assert beat["pid"] == proc.pid
    assert beat["cycle"] == 3
    assert beat["last_status"] == "ok"
    assert beat["next_at"] is None
    assert beat["last_started"] <= beat["last_finished"]
    scans = _scans(tmp_path)
    assert len(scans) == 2  # cycles 1 and 3; the failed cycle recorded nothing
    assert scans[1]["delta"]["previous_scan"] == scans[0]["id"]
    assert scans[1]["delta"]["new"] == 0
    assert scans[1]["delta"]["unchanged"] == scans[0]["delta"]["new"] > 0
    assert not list(tmp_path.glob(".hb.json.*")), "a heartbeat temp file was left behind"
    # Cycle 1's FAILs were all new: one digest; cycle 3 changed nothing, so sent nothing.
    assert len(received) == 1, log
    assert f"alerts: {scans[0]['delta']['new']}; 1 delivered, 0 failed" in log, log


def test_sigterm_mid_cycle_finishes_it_and_exits_0(cloud: AwsCloud, tmp_path: Path) -> None:
    proc = _start(cloud, tmp_path)
    assert proc.stderr is not None
    seen: list[str] = []
    try:
        _until(proc.stderr, "cycle 1 started", seen)
        opa = _opa_when_started(proc)
        proc.send_signal(signal.SIGTERM)
        code = _finish(proc, seen)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    log = "".join(seen)
    assert code == 0, log
    assert "SIGTERM: stopping after the running cycle" in log, log
    assert "cycle 1 ok" in log and "cycle 2 started" not in log, log
    beat = _heartbeat(tmp_path)
    assert (beat["cycle"], beat["last_status"], beat["next_at"]) == (1, "ok", None)
    assert len(_scans(tmp_path)) == 1
    assert not opa.is_running(), "watch left its OPA server running"


def test_second_sigterm_abandons_the_cycle(cloud: AwsCloud, tmp_path: Path) -> None:
    proc = _start(cloud, tmp_path)
    assert proc.stderr is not None
    seen: list[str] = []
    try:
        _until(proc.stderr, "cycle 1 started", seen)
        opa = _opa_when_started(proc)
        proc.send_signal(signal.SIGTERM)
        _until(proc.stderr, "stopping after the running cycle", seen)
        proc.send_signal(signal.SIGTERM)
        code = _finish(proc, seen)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    log = "".join(seen)
    assert code == 0, log
    assert "cycle 1 abandoned" in log, log
    beat = _heartbeat(tmp_path)
    assert (beat["cycle"], beat["last_status"], beat["next_at"]) == (1, "abandoned", None)
    assert _scans(tmp_path) == []
    assert not opa.is_running(), "watch left its OPA server running"


def _opa_when_started(proc: subprocess.Popen[str]) -> psutil.Process:
    """The OPA server of the first cycle, once it is up (so the signal lands mid-cycle,
    while the clouds are read and OPA starts)."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        for child in psutil.Process(proc.pid).children():
            try:  # `opa check` and `opa inspect` come and go before `opa run`
                if child.name() == "opa" and "run" in child.cmdline():
                    return child
            except psutil.Error:
                continue
        assert proc.poll() is None, "watch exited early"
        time.sleep(0.02)
    raise AssertionError("watch started no OPA server")
