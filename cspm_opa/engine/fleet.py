"""OpaFleet: several OPA servers that hold the same checks, used as one engine.

Each request goes to the member with the fewest requests in flight, and no member has
more than ``concurrency`` at once. Before any work is sent, every member must serve the
same catalog (the digest of its ``cspm`` Rego, see :mod:`cspm_opa.engine.digest`) and
every check of the local catalog; otherwise the fleet refuses to start, naming the member
that differs. A member that cannot be reached mid-scan (refused or dropped connection, or
a load balancer's 502/503/504 for it) is taken out for the rest of the run and the
request is sent again to another member: each request returns exactly one answer, from
whichever member gave it. Only when every member is out does a request fail.
"""

from __future__ import annotations

import tempfile
import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

from cspm_opa.engine.base import ENTRYPOINT, PATHS_ENTRYPOINT, Engine, prepare_policy_dirs
from cspm_opa.engine.binary import find_opa
from cspm_opa.engine.catalog import load_catalog
from cspm_opa.engine.client import READ_TIMEOUT, EvalResponse, OpaHttp
from cspm_opa.engine.digest import server_digest
from cspm_opa.errors import ConfigError, EngineError, OpaRequestError

__all__ = ["DEFAULT_CONCURRENCY", "OpaFleet"]

DEFAULT_CONCURRENCY = 2
"""Requests in flight per server: one OPA evaluation uses one core."""

_GONE = frozenset({502, 503, 504})
"""Statuses by which a proxy in front of a member says the member is not there."""


@dataclass
class _Member:
    url: str
    http: OpaHttp
    in_flight: int = 0
    answered: int = 0
    down: str | None = None
    """Why the member was taken out, once it was."""
    digest: str = ""
    revisions: dict[str, str] = field(default_factory=dict)


class OpaFleet(Engine):
    """Evaluate on the OPA servers at ``urls``, which share ``token`` and ``ca_bundle``.

    The catalog (titles, severities, mappings) is read from the local Rego files, the
    built-in pack and ``policies``, as for :class:`~cspm_opa.engine.remote.OpaServer`.
    ``on_answer(url)`` is told of every answer, by the member that gave it, before that
    member is given more work.
    """

    def __init__(
        self,
        urls: Sequence[str],
        *,
        token: str | None = None,
        ca_bundle: str | None = None,
        concurrency: int = DEFAULT_CONCURRENCY,
        policies: Sequence[str | Path] = (),
        opa_bin: str | Path | None = None,
        read_timeout: float = READ_TIMEOUT,
        on_answer: Callable[[str], None] | None = None,
    ):
        unique = list(dict.fromkeys(u.rstrip("/") for u in urls))
        if not unique:
            raise ConfigError("an OPA fleet needs at least one --opa-url")
        if concurrency < 1:
            raise ConfigError(f"--opa-concurrency must be at least 1, not {concurrency}")
        self.concurrency = concurrency
        self._on_answer = on_answer
        self._ready = threading.Condition()
        self._members = [
            _Member(
                url,
                OpaHttp(
                    url,
                    token=token,
                    ca_bundle=ca_bundle,
                    read_timeout=read_timeout,
                    pool_size=concurrency,
                ),
            )
            for url in unique
        ]
        self._workdir = tempfile.TemporaryDirectory(prefix="cspm-opa-fleet-")
        try:
            opa = find_opa(opa_bin)
            self.directories = prepare_policy_dirs(policies, Path(self._workdir.name), opa)
            self.catalog = load_catalog(self.directories, opa)
            self._check_members()
        except BaseException:
            self.close()
            raise

    @property
    def urls(self) -> list[str]:
        return [m.url for m in self._members]

    @property
    def parallelism(self) -> int:
        """How many requests the fleet takes at once: the evaluator's width."""
        return len(self._members) * self.concurrency

    def answered(self) -> dict[str, int]:
        """Answers accepted so far, by member."""
        return {m.url: m.answered for m in self._members}

    def down(self) -> dict[str, str]:
        """The members taken out, and why."""
        return {m.url: m.down for m in self._members if m.down is not None}

    def _check_members(self) -> None:
        """Every member serves the same ``cspm`` Rego, and every check of the catalog."""
        for member in self._members:
            try:
                member.digest, packages = server_digest(
                    member.http.get_json("/v1/policies"), f"OPA at {member.url}"
                )
            except EngineError as exc:
                raise EngineError(f"fleet member {member.url} cannot be used: {exc}") from exc
            member.revisions = _revisions(member.http)
            missing = sorted({p.package for p in self.catalog.policies} - packages)
            if missing:
                shown = ", ".join(missing[:5]) + (" ..." if len(missing) > 5 else "")
                raise EngineError(
                    f"fleet member {member.url} does not serve {len(missing)} check(s) of the "
                    f"catalog ({shown}): load the bundle made by `cspm-opa bundle` with the "
                    "same --policies"
                )
        first = self._members[0]
        for member in self._members[1:]:
            if member.digest != first.digest:
                raise EngineError(
                    f"fleet member {member.url} serves a different catalog from {first.url}: "
                    f"policy digest {member.digest} {_revision_text(member)}, not "
                    f"{first.digest} {_revision_text(first)}; every member must serve the "
                    "same bundle"
                )

    @property
    def digest(self) -> str:
        """The policy digest every member serves."""
        return self._members[0].digest

    @property
    def http(self) -> OpaHttp:
        for member in self._members:
            if member.down is None:
                return member.http
        raise EngineError(self._all_down())

    def evaluate_document(self, document: Mapping[str, Any]) -> EvalResponse:
        return self._query(ENTRYPOINT, orjson.dumps({"input": document}))

    def evaluate_paths(self, graph: Mapping[str, Any]) -> dict[str, list[dict[str, Any]]]:
        answer = self._query(PATHS_ENTRYPOINT, orjson.dumps({"input": {"graph": graph}}))
        result = answer.result if answer.result is not None else {}
        if not isinstance(result, dict):
            raise EngineError(f"{PATHS_ENTRYPOINT} returned {type(result).__name__}, not an object")
        return {str(k): list(v) for k, v in result.items()}

    def _query(self, path: str, body: bytes) -> EvalResponse:
        while True:
            member = self._acquire()
            try:
                answer = member.http.query(path, body)
            except OpaRequestError as exc:
                if exc.status not in _GONE:
                    self._release(member)
                    raise  # OPA's own answer (a policy error, a body too large): any member would
                self._take_out(member, f"HTTP {exc.status}")
            except EngineError as exc:
                self._take_out(member, str(exc))
            else:
                try:
                    if self._on_answer is not None:
                        self._on_answer(member.url)
                finally:
                    self._release(member, answered=True)
                return answer

    def _acquire(self) -> _Member:
        with self._ready:
            while True:
                live = [m for m in self._members if m.down is None]
                if not live:
                    raise EngineError(self._all_down())
                free = [m for m in live if m.in_flight < self.concurrency]
                if free:
                    member = min(free, key=lambda m: m.in_flight)
                    member.in_flight += 1
                    return member
                self._ready.wait()

    def _release(self, member: _Member, *, answered: bool = False) -> None:
        with self._ready:
            member.in_flight -= 1
            member.answered += int(answered)
            self._ready.notify_all()

    def _take_out(self, member: _Member, why: str) -> None:
        with self._ready:
            member.in_flight -= 1
            if member.down is None:
                member.down = why
            self._ready.notify_all()

    def _all_down(self) -> str:
        lines = "\n".join(f"  {m.url}: {m.down}" for m in self._members)
        return f"every OPA of the fleet failed:\n{lines}"

    def close(self) -> None:
        for member in self._members:
            member.http.close()
        self._workdir.cleanup()


def _revisions(http: OpaHttp) -> dict[str, str]:
    """The revisions of the bundles a server has activated, by bundle name (for messages;
    a server that loaded directories has none)."""
    try:
        bundles = http.get_json("/v1/data/system/bundles").get("result") or {}
    except (EngineError, AttributeError):
        return {}
    if not isinstance(bundles, dict):
        return {}
    return {
        str(name): str((info.get("manifest") or {}).get("revision", ""))
        for name, info in bundles.items()
        if isinstance(info, dict)
    }


def _revision_text(member: _Member) -> str:
    if not member.revisions:
        return "(no bundle)"
    return "(" + ", ".join(f"bundle {n} revision {r!r}" for n, r in member.revisions.items()) + ")"
