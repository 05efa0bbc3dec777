"""What one (subscription, service) task returns, and the guards that turn failed
calls into coverage gaps (a listing) or unknown fields (one resource's detail)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from cspm_opa.collect.azure._session import AzureSession, classify, to_rest

__all__ = ["Context", "Part"]

T = TypeVar("T")

GLOBAL = "global"


@dataclass
class Part:
    """Resources, coverage gaps and subscription-level settings from one task."""

    resources: list[dict[str, Any]] = field(default_factory=list)
    coverage: list[dict[str, Any]] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)
    unknown_settings: list[str] = field(default_factory=list)
    locations: set[str] | None = None


@dataclass
class Context:
    """One task's view: the session, the subscription, and the part it fills."""

    session: AzureSession
    subscription_id: str
    service: str
    part: Part = field(default_factory=Part)

    @property
    def scope(self) -> str:
        return f"/subscriptions/{self.subscription_id}"

    def client(self, factory: Callable[..., Any]) -> Any:
        return self.session.client(factory, self.subscription_id)

    def listing(
        self, resource_types: Iterable[str], call: Callable[[], Iterable[Any]]
    ) -> list[dict[str, Any]] | None:
        """Every item of a listing as REST dicts, or None after recording a coverage
        gap for ``resource_types`` when the listing fails."""
        try:
            return [to_rest(item) for item in call()]
        except Exception as exc:
            if not _sdk_error(exc):
                raise
            self.part.coverage.append(
                {
                    "service": self.service,
                    "region": GLOBAL,
                    "status": classify(exc),
                    "detail": self.session.explain(exc),
                    "resource_types": sorted(set(resource_types)),
                }
            )
            return None

    def setting(self, name: str, call: Callable[[], T]) -> T | None:
        """A subscription-level setting; on failure the subscription's ``name`` field
        is unknown."""
        try:
            return call()
        except Exception as exc:
            if not _sdk_error(exc):
                raise
            self.part.unknown_settings.append(name)
            return None


def detail(call: Callable[[], T], unknown: list[str], name: str) -> T | None:
    """One resource's detail; on failure ``name`` joins that resource's unknown list."""
    try:
        return call()
    except Exception as exc:
        if not _sdk_error(exc):
            raise
        unknown.append(name)
        return None


def _sdk_error(exc: BaseException) -> bool:
    from azure.core.exceptions import AzureError

    return isinstance(exc, AzureError)


def rest_all(call: Callable[[], Iterable[Any]]) -> list[dict[str, Any]]:
    """A detail listing in REST shape (wrap with :func:`detail`)."""
    return [to_rest(item) for item in call()]
