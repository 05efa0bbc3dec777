"""LocalOpa: an OPA server this process starts, owns and stops."""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from cspm_opa.engine.base import Engine, prepare_policy_dirs
from cspm_opa.engine.binary import NOT_POLICY, find_opa, ignore_args
from cspm_opa.engine.client import OpaHttp
from cspm_opa.engine.startup_cache import checked_catalog
from cspm_opa.errors import EngineError

__all__ = ["LocalOpa"]

# Every request must carry this run's token; nothing else may read or change policies.
_AUTHZ_TEMPLATE = """package system.authz

default allow := false

allow if input.identity == "{token}"
"""

_START_ATTEMPTS = 3


class LocalOpa(Engine):
    """Start ``opa run --server`` on 127.0.0.1 with the built-in pack and ``policies``.

    The server listens on a free port, refuses requests without this run's bearer token
    (a ``system.authz`` policy), sends no telemetry, and is stopped by :meth:`close` or
    on leaving a ``with`` block. Policies are compiled with ``opa check`` first, so a
    Rego error reaches the caller as :class:`PolicyError` with OPA's file and line, and
    a policy that calls a network builtin is refused unless ``allow_network``.
    """

    def __init__(
        self,
        policies: Sequence[str | Path] = (),
        *,
        opa_bin: str | Path | None = None,
        allow_network: bool = False,
        start_timeout: float = 60.0,
    ):
        self.opa = find_opa(opa_bin)
        self._workdir = Path(tempfile.mkdtemp(prefix="cspm-opa-"))
        os.chmod(self._workdir, 0o700)
        self._proc: subprocess.Popen[bytes] | None = None
        self._http: OpaHttp | None = None
        self.token = secrets.token_urlsafe(32)
        try:
            self.directories = prepare_policy_dirs(policies, self._workdir, self.opa)
            # Compile-checked and read once per set of policies, schemas and binary.
            self.catalog = checked_catalog(
                self.opa, self.directories, self._workdir, allow_network=allow_network
            )
            self._start(start_timeout)
        except BaseException:
            self.close()
            raise

    @property
    def http(self) -> OpaHttp:
        if self._http is None:
            raise EngineError("LocalOpa is closed")
        return self._http

    @property
    def url(self) -> str:
        return self.http.url

    def _start(self, timeout: float) -> None:
        authz = self._workdir / "authz"
        authz.mkdir()
        authz_file = authz / "authz.rego"
        authz_file.write_text(_AUTHZ_TEMPLATE.format(token=self.token), encoding="utf-8")
        os.chmod(authz_file, 0o600)
        last_error = ""
        for _ in range(_START_ATTEMPTS):
            port = _free_port()
            log_path = self._workdir / "opa.log"
            with open(log_path, "wb") as log:
                self._proc = subprocess.Popen(
                    [
                        str(self.opa), "run", "--server",
                        "--addr", f"127.0.0.1:{port}",
                        "--skip-version-check",
                        "--authentication=token",
                        "--authorization=basic",
                        "--log-level=error",
                        *ignore_args(NOT_POLICY),
                        "--shutdown-grace-period=1",
                        str(authz),
                        *map(str, self.directories),
                    ],
                    stdin=subprocess.DEVNULL,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )  # fmt: skip
            self._http = OpaHttp(f"http://127.0.0.1:{port}", token=self.token)
            try:
                self._http.wait_healthy(timeout, alive=self._proc_alive)
                return
            except EngineError:
                last_error = log_path.read_text(encoding="utf-8", errors="replace").strip()
                self._stop_process()
                if "address already in use" not in last_error:
                    break
        raise EngineError(f"OPA failed to start ({self.opa}):\n{last_error}")

    def _proc_alive(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def _stop_process(self) -> None:
        proc, self._proc = self._proc, None
        if self._http is not None:
            self._http.close()
            self._http = None
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)

    def close(self) -> None:
        self._stop_process()
        shutil.rmtree(self._workdir, ignore_errors=True)

    def __del__(self) -> None:
        if getattr(self, "_proc", None) is not None:
            self._stop_process()


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])
