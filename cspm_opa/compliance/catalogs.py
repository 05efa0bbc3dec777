"""The framework catalogs: every control of CIS AWS v5.0, CIS Azure v4.0, CIS GCP v4.0,
PCI DSS v4.0.1 and SOC 2, as data (cspm_opa/compliance/data/<KEY>.json)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

__all__ = ["Control", "Framework", "framework", "framework_keys"]

_DIR = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True)
class Control:
    id: str
    title: str
    section: str
    automated: bool
    profile: str | None = None


@dataclass(frozen=True)
class Framework:
    key: str
    title: str
    version: str
    provider: str | None
    """The cloud a benchmark is written for; None for cross-cloud frameworks (PCI, SOC 2)."""
    controls: tuple[Control, ...]

    def control(self, control_id: str) -> Control | None:
        return next((c for c in self.controls if c.id == control_id), None)

    @property
    def label(self) -> str:
        """How people write it: "CIS AWS v5.0", "PCI DSS v4.0", "SOC 2"."""
        if "_v" not in self.key:
            return _LABELS.get(self.key, self.key)
        name, version = self.key.split("_v", 1)
        return f"{name.replace('_', ' ')} v{version}"


_LABELS = {"SOC2": "SOC 2"}


def framework_keys() -> list[str]:
    return sorted(p.stem for p in _DIR.glob("*.json"))


@cache
def framework(key: str) -> Framework:
    """The catalog of framework ``key`` (e.g. ``CIS_AWS_v5.0``)."""
    path = _DIR / f"{key}.json"
    if not path.is_file():
        raise KeyError(f"no catalog for framework {key!r} (have {', '.join(framework_keys())})")
    doc = json.loads(path.read_text(encoding="utf-8"))
    return Framework(
        key=doc["framework"],
        title=doc["title"],
        version=doc["version"],
        provider=doc["provider"],
        controls=tuple(
            Control(
                id=c["id"],
                title=c["title"],
                section=c["section"],
                automated=c["assessment"] == "automated",
                profile=c["profile"],
            )
            for c in doc["controls"]
        ),
    )
