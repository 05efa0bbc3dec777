"""The errors cspm-opa raises. Catch :class:`CspmError` to catch them all.

::

    CspmError
    ├── InputError                  bad input from the user: exit code 2
    │   ├── SnapshotError           a snapshot file that is unreadable, not JSON, or invalid
    │   ├── PolicyError             Rego that does not parse, compile or meet the conventions
    │   │   └── CapabilityError     Rego that calls a builtin the run does not allow
    │   └── ConfigError             bad options or configuration
    └── RuntimeFailure              the world failed us: exit code 3
        ├── CollectionError         a cloud could not be read at all (no credentials, ...)
        ├── StoreError              the history store could not be opened, migrated or written
        └── EngineError             OPA could not be found, started, or reached
            └── OpaRequestError     OPA answered a request with an error
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "CapabilityError",
    "CollectionError",
    "ConfigError",
    "CspmError",
    "EngineError",
    "InputError",
    "OpaRequestError",
    "PolicyError",
    "RuntimeFailure",
    "SnapshotError",
    "StoreError",
    "ValidationIssue",
]


class CspmError(Exception):
    """Root of every error cspm-opa raises on purpose."""

    exit_code = 1


class InputError(CspmError):
    """The input (a file, an option, a policy) is wrong; fixing it is the user's move."""

    exit_code = 2


class ConfigError(InputError):
    """An option or configuration value is invalid."""


@dataclass(frozen=True)
class ValidationIssue:
    """One schema violation: where it is (a JSON path) and what is wrong."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


class SnapshotError(InputError):
    """A snapshot could not be read, or does not validate. Lists every issue at once."""

    def __init__(self, source: str, message: str, issues: tuple[ValidationIssue, ...] = ()):
        self.source = source
        self.issues = issues
        lines = [f"{source}: {message}"]
        lines.extend(f"  {issue}" for issue in issues)
        super().__init__("\n".join(lines))


class PolicyError(InputError):
    """Rego that cannot be loaded; the message carries OPA's own text with file and line."""


class CapabilityError(PolicyError):
    """Rego that calls a builtin (such as http.send) the run does not allow."""


class RuntimeFailure(CspmError):
    """Something outside the user's input failed: collection, the engine, the network."""

    exit_code = 3


class CollectionError(RuntimeFailure):
    """A cloud could not be read at all. Partial failures are coverage gaps, not errors."""


class StoreError(RuntimeFailure):
    """The history store (``--store``) could not be reached, migrated or written; the
    message names its URL with any password hidden."""


class EngineError(RuntimeFailure):
    """OPA could not be found, started, or reached."""


class OpaRequestError(EngineError):
    """OPA answered with an error; the message keeps OPA's error body."""

    def __init__(self, url: str, status: int, body: str):
        self.url = url
        self.status = status
        self.body = body
        super().__init__(f"OPA at {url} answered HTTP {status}: {body.strip()}")
