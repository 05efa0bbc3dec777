"""Attack-path rules as the catalog knows them: read from their METADATA."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PATHS_PREFIX", "PathRule"]

PATHS_PREFIX = ("cspm", "paths")


@dataclass(frozen=True)
class PathRule:
    """One rule under cspm.paths.<provider>.<name>."""

    id: str
    title: str
    description: str
    severity: str
    provider: str
    remediation: str
    package: str
    file: str

    @property
    def key(self) -> str:
        """The package path below cspm.paths, as the paths entrypoint reports it."""
        return self.package.removeprefix("cspm.paths.")

    def meta(self) -> dict[str, str]:
        return {"id": self.id, "title": self.title, "severity": self.severity, "file": self.file}
