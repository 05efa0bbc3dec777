"""What every sink is given to send with."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

import httpx

from cspm_opa.deliver.retry import DeliveryError, RetryPolicy
from cspm_opa.deliver.routes import SinkConfig

if TYPE_CHECKING:
    from cspm_opa.store import Store

__all__ = ["Digest", "SendContext"]


@dataclass(frozen=True)
class Digest:
    """What a digest (chat, webhook, email) says about the run, beside its alerts."""

    route: str
    generated_at: str
    previous_scan: int | None


@dataclass(frozen=True)
class SendContext:
    sink: SinkConfig
    secrets: Mapping[str, str]
    """option (token_env, ...) -> the value of the variable it names."""
    policy: RetryPolicy
    store: Store | None = None

    def secret(self, option: str) -> str:
        """The value of the variable ``option`` names; DeliveryError when it is unset."""
        names = self.sink.env_names()
        if option not in names:
            raise KeyError(option)
        value = self.secrets.get(option)
        if not value:
            var = names[option]
            raise DeliveryError(
                f"sink {self.sink.name}: environment variable {var} is not set", retryable=False
            )
        return value

    def optional_secret(self, option: str) -> str | None:
        return self.secret(option) if option in self.sink.env_names() else None

    def client(
        self, *, headers: Mapping[str, str] | None = None, auth: httpx.Auth | None = None
    ) -> httpx.Client:
        ca = self.sink.options.get("ca_file")
        return httpx.Client(
            timeout=self.policy.timeout,
            verify=str(ca) if ca else True,
            follow_redirects=False,
            headers={"User-Agent": "cspm-opa", **(headers or {})},
            auth=auth,
        )
