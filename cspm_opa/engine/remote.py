"""OpaServer: an OPA that someone else runs (a sidecar, a fleet behind a bundle server)."""

from __future__ import annotations

import tempfile
from collections.abc import Sequence
from pathlib import Path

from cspm_opa.engine.base import Engine, prepare_policy_dirs
from cspm_opa.engine.binary import find_opa
from cspm_opa.engine.catalog import load_catalog, rego_files
from cspm_opa.engine.client import READ_TIMEOUT, OpaHttp
from cspm_opa.errors import EngineError, PolicyError

__all__ = ["OpaServer"]


class OpaServer(Engine):
    """Evaluate against a running OPA at ``url``.

    The server is expected to hold the same policies as the local catalog (the built-in
    pack and ``policies``), typically from a bundle made by ``cspm-opa bundle``. With
    ``upload=True`` the policies are pushed through OPA's policy API instead, as written.
    The catalog (titles, severities, mappings) is read from the local Rego files, so a
    local ``opa`` binary is needed for that.
    """

    def __init__(
        self,
        url: str,
        *,
        token: str | None = None,
        ca_bundle: str | None = None,
        policies: Sequence[str | Path] = (),
        upload: bool = False,
        opa_bin: str | Path | None = None,
        read_timeout: float = READ_TIMEOUT,
    ):
        self._http = OpaHttp(url, token=token, ca_bundle=ca_bundle, read_timeout=read_timeout)
        if not self._http.healthy():
            # Distinguish "nothing there" from "there but unhealthy" with one real request.
            self._http.get_json("/health")
            raise EngineError(f"OPA at {url} is not healthy")
        opa = find_opa(opa_bin)
        self._workdir = tempfile.TemporaryDirectory(prefix="cspm-opa-remote-")
        self.directories = prepare_policy_dirs(policies, Path(self._workdir.name), opa)
        self.catalog = load_catalog(self.directories, opa)
        if upload:
            self._upload(rego_files(self.directories))

    def _upload(self, files: list[Path]) -> None:
        """PUT each module as written. OPA compiles each upload against what it already
        holds, so a module whose imports are not there yet is retried in a later pass;
        a pass that loads nothing ends it with OPA's error for the first module left."""
        pending = sorted(files, key=lambda f: "lib" not in f.parts)
        while pending:
            failed: list[tuple[Path, PolicyError]] = []
            for file in pending:
                path = str(file.resolve())
                try:
                    self._http.put_policy(
                        "cspm" + path, file.read_text(encoding="utf-8"), source=path
                    )
                except PolicyError as exc:
                    failed.append((file, exc))
            if len(failed) == len(pending):
                raise failed[0][1]
            pending = [file for file, _ in failed]

    @property
    def http(self) -> OpaHttp:
        return self._http

    def close(self) -> None:
        self._http.close()
        self._workdir.cleanup()
