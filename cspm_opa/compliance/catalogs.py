"""The framework catalogs: every control of CIS AWS v5.0, CIS Azure v4.0, CIS GCP v4.0,
PCI DSS v4.0.1, SOC 2, NIST 800-53 rev. 5, ISO 27001:2022 and GDPR, as data
(cspm_opa/compliance/data/<KEY>.json, built by scripts/build_catalogs.py).

Which checks evidence a control is in each check's METADATA (``custom.compliance``); the
catalog says, per cloud, why a control no check evidences is left to manual review."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

__all__ = ["CLOUDS", "Control", "Framework", "framework", "framework_keys"]

_DIR = Path(__file__).resolve().parent / "data"

CLOUDS = ("aws", "azure", "gcp")


@dataclass(frozen=True)
class Control:
    id: str
    title: str
    section: str
    automated: bool
    profile: str | None = None
    manual: Mapping[str, str] = field(default_factory=dict, hash=False, compare=False)
    """Per cloud, why no check evidences this control there (left to manual review)."""
    prowler_checks: Mapping[str, tuple[str, ...]] = field(
        default_factory=dict, hash=False, compare=False
    )
    """Per cloud, the checks Prowler maps to this control: a hint of the evidence needed."""

    def manual_reason(self, provider: str) -> str | None:
        return self.manual.get(provider)


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
    def providers(self) -> tuple[str, ...]:
        """The clouds the framework applies to: its own, or all three for cross-cloud ones."""
        return CLOUDS if self.provider is None else (self.provider,)

    @property
    def label(self) -> str:
        """How people write it: "CIS AWS v5.0", "PCI DSS v4.0", "SOC 2", "ISO 27001:2022"."""
        if "_v" not in self.key:
            return _LABELS.get(self.key, self.key)
        name, version = self.key.split("_v", 1)
        return f"{name.replace('_', ' ')} v{version}"


_LABELS = {
    "SOC2": "SOC 2",
    "NIST_800_53_r5": "NIST 800-53 rev. 5",
    "ISO_27001_2022": "ISO 27001:2022",
    "GDPR": "GDPR",
}


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
                manual=dict(c.get("manual") or {}),
                prowler_checks={k: tuple(v) for k, v in (c.get("prowler_checks") or {}).items()},
            )
            for c in doc["controls"]
        ),
    )
