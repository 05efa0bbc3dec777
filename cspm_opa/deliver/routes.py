"""The routes file: named sinks, and routes that send the findings they match to sinks.

Loaded and validated against ``schemas/routes.json``; every problem is reported as
``file:line: path: message``. Secrets are never in the file: a sink names environment
variables, read only when a delivery is made (:meth:`Routes.missing_env` checks them early).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from typing import Any, Literal

from cspm_opa.errors import ConfigError
from cspm_opa.model import Severity
from cspm_opa.yamlfile import load_yaml

__all__ = ["EVENTS", "Alert", "Match", "Route", "Routes", "SinkConfig", "load_routes"]

Event = Literal["new", "regressed", "resolved"]
EVENTS: tuple[Event, ...] = ("new", "regressed", "resolved")
DEFAULT_EVENTS: tuple[Event, ...] = ("new", "regressed")
SinkType = Literal["jira", "slack", "webhook", "email"]

# The options of each sink type that name environment variables (values are secrets).
_ENV_OPTIONS = ("email_env", "token_env", "webhook_url_env", "secret_env",
                "username_env", "password_env")  # fmt: skip


@dataclass(frozen=True)
class Alert:
    """One finding and what happened to it: ``new``, ``regressed`` or ``resolved``."""

    event: Event
    finding: Mapping[str, Any]
    """The finding as the scan result has it."""

    @property
    def uid(self) -> str:
        return str(self.finding["uid"])


@dataclass(frozen=True)
class SinkConfig:
    """A sink as the routes file writes it: its name, type and options (no secrets)."""

    name: str
    type: SinkType
    options: Mapping[str, Any]
    source: str = ""
    """file:line where the sink is written."""

    def env_names(self) -> dict[str, str]:
        """option -> the environment variable it names."""
        names = {k: str(self.options[k]) for k in _ENV_OPTIONS if k in self.options}
        for header, env in (self.options.get("headers_env") or {}).items():
            names[f"headers_env.{header}"] = str(env)
        return names


@dataclass(frozen=True)
class Match:
    """What a route takes. Every key set must hold; the values of a list are
    alternatives; globs are fnmatch (case-sensitive)."""

    min_severity: Severity | None = None
    min_priority: Severity | None = None
    events: tuple[Event, ...] = DEFAULT_EVENTS
    providers: tuple[str, ...] = ()
    accounts: tuple[str, ...] = ()
    frameworks: tuple[str, ...] = ()
    policies: tuple[str, ...] = ()
    resources: tuple[str, ...] = ()

    def matches(self, alert: Alert) -> bool:
        f = alert.finding
        res = f["resource"]
        if alert.event not in self.events:
            return False
        if self.min_severity is not None and Severity(f["severity"]) < self.min_severity:
            return False
        if self.min_priority is not None:
            level = (f.get("priority") or {}).get("level")
            if level is None or Severity(level) < self.min_priority:
                return False
        if self.providers and res["provider"] not in self.providers:
            return False
        if self.accounts and not _any(str(res["account"]), self.accounts):
            return False
        if self.policies and not _any(f["policy_id"], self.policies):
            return False
        if self.resources and not (
            _any(res["id"], self.resources) or _any(res.get("name", ""), self.resources)
        ):
            return False
        if self.frameworks:
            keys = {c["framework"] for c in f.get("compliance", ())}
            if not any(_any(k, self.frameworks) for k in keys):
                return False
        return True


def _any(value: str, globs: tuple[str, ...]) -> bool:
    return any(fnmatchcase(value, g) for g in globs)


@dataclass(frozen=True)
class Route:
    name: str
    match: Match
    sinks: tuple[str, ...]
    source: str = ""


@dataclass(frozen=True)
class Routes:
    """A loaded routes file."""

    sinks: Mapping[str, SinkConfig]
    routes: tuple[Route, ...]
    source: str = ""
    env_sources: Mapping[str, str] = field(default_factory=dict)
    """environment variable -> file:line of the option naming it."""

    def missing_env(self, environ: Mapping[str, str] | None = None) -> list[str]:
        """``file:line: sinks.NAME.OPTION: VAR is not set`` for every variable a sink
        names that the environment lacks (or holds empty)."""
        env = os.environ if environ is None else environ
        missing = []
        for sink in self.sinks.values():
            for option, var in sink.env_names().items():
                if not env.get(var):
                    where = self.env_sources.get(f"{sink.name}.{option}", sink.source)
                    missing.append(f"{where}: sinks.{sink.name}.{option}: {var} is not set")
        return missing


def load_routes(path: str | os.PathLike[str]) -> Routes:
    """Read and validate a routes file; raise ConfigError naming file and line."""
    doc = load_yaml(path, "routes.json")
    data = doc.data
    sinks: dict[str, SinkConfig] = {}
    env_sources: dict[str, str] = {}
    for name, options in data["sinks"].items():
        sink = SinkConfig(name, options["type"], dict(options), doc.where(["sinks", name]))
        sinks[name] = sink
        for option in sink.env_names():
            parts: list[str | int] = ["sinks", name, *option.split(".", 1)]
            env_sources[f"{name}.{option}"] = doc.where(parts)
    routes = []
    errors = []
    seen: set[str] = set()
    for i, entry in enumerate(data["routes"]):
        if entry["name"] in seen:
            errors.append(doc.error(["routes", i, "name"], f"route {entry['name']!r} repeated"))
        seen.add(entry["name"])
        for j, sink_name in enumerate(entry["sinks"]):
            if sink_name not in sinks:
                known = ", ".join(sorted(sinks))
                errors.append(
                    doc.error(["routes", i, "sinks", j], f"no sink named {sink_name!r} ({known})")
                )
        m = entry.get("match") or {}
        routes.append(
            Route(
                name=entry["name"],
                match=Match(
                    min_severity=Severity(m["min_severity"]) if "min_severity" in m else None,
                    min_priority=Severity(m["min_priority"]) if "min_priority" in m else None,
                    events=tuple(m.get("events", DEFAULT_EVENTS)),
                    providers=tuple(m.get("providers", ())),
                    accounts=tuple(str(a) for a in m.get("accounts", ())),
                    frameworks=tuple(m.get("frameworks", ())),
                    policies=tuple(m.get("policies", ())),
                    resources=tuple(m.get("resources", ())),
                ),
                sinks=tuple(entry["sinks"]),
                source=doc.where(["routes", i]),
            )
        )
    if errors:
        raise ConfigError("\n".join(str(e) for e in errors))
    return Routes(sinks=sinks, routes=tuple(routes), source=doc.source, env_sources=env_sources)
