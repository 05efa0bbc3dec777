"""Collectors: the only code that talks to cloud APIs (read-only), and the only importers
of cloud SDKs, which load lazily when a provider is asked for.

A provider module ``cspm_opa.collect.<provider>`` exposes
``collect(request: CollectRequest) -> list[dict]``, returning one snapshot document per
account, subscription or project, and may expose ``collect_each(request)``, yielding each
as soon as it is collected (:func:`collect_each` falls back to ``collect``). What it could
not read goes into the snapshot's coverage; only a failure to read anything at all raises
:class:`CollectionError`.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cspm_opa.errors import ConfigError

__all__ = ["PROVIDERS", "CollectRequest", "collect", "collect_each"]

PROVIDERS = ("aws", "azure", "gcp")


@dataclass(frozen=True)
class CollectRequest:
    """What to collect and how to authenticate. Fields a provider does not use are ignored."""

    provider: str
    regions: tuple[str, ...] | None = None
    """None: the provider's default; ("all",): every region the account has enabled."""
    profile: str | None = None
    role_arn: str | None = None
    external_id: str | None = None
    accounts_file: Path | None = None
    subscriptions: tuple[str, ...] = ()
    projects: tuple[str, ...] = ()
    folder: str | None = None
    organization: str | None = None
    endpoint: str | None = None
    """Azure Resource Manager URL or GCP API endpoint, for sovereign and private clouds."""
    audience: str | None = None
    """Azure: the token audience the Resource Manager accepts (default: what its
    ``/metadata/endpoints`` names)."""
    graph_endpoint: str | None = None
    """Azure: the Microsoft Graph endpoint (default: ``AZURE_GRAPH_ENDPOINT``, else what
    the Resource Manager's ``/metadata/endpoints`` names, else the cloud's known Graph)."""
    workers: int = 8
    progress: Callable[[str], None] | None = None
    credential: Any = None
    """A credential object the caller injects (azure-identity or google-auth), if any."""


def collect(request: CollectRequest) -> list[dict[str, Any]]:
    """Collect snapshot documents for ``request.provider``."""
    documents: list[dict[str, Any]] = _module(request).collect(request)
    return documents


def collect_each(request: CollectRequest) -> Iterator[dict[str, Any]]:
    """The documents :func:`collect` returns, each yielded as soon as its account is
    collected where the provider can (AWS), so that a caller holds one at a time; the
    others yield theirs once all are collected."""
    module = _module(request)
    each = getattr(module, "collect_each", None)
    if each is None:
        yield from module.collect(request)
    else:
        yield from each(request)


def _module(request: CollectRequest) -> Any:
    if request.provider not in PROVIDERS:
        raise ConfigError(f"unknown provider {request.provider!r} (one of {', '.join(PROVIDERS)})")
    try:
        module = importlib.import_module(f"cspm_opa.collect.{request.provider}")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("cspm_opa.collect."):
            raise ConfigError(f"no collector for provider {request.provider!r} yet") from exc
        raise ConfigError(
            f"the {request.provider} collector needs {exc.name!r}: "
            f"pip install 'cspm-opa[{request.provider}]'"
        ) from exc
    return module
