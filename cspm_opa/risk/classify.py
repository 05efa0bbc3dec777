"""Data sensitivity, from tags and labels and from the account's classification.

A data store's level is the highest of: the level its classification tag names
(``DataClassification: PII``), and its account's ``data_classification`` in the scope.
Tag names and the value-to-level map are set in the scope file under ``risk:``
(``classification_tags``, ``sensitive_values``); the defaults below serve without one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "DEFAULT_CLASSIFICATION_TAGS",
    "DEFAULT_SENSITIVE_VALUES",
    "LEVELS",
    "SENSITIVE_LEVELS",
    "RiskSettings",
]

LEVELS = ("unclassified", "public", "internal", "confidential", "restricted", "pci", "phi", "pii")
"""The scope's classification levels, least sensitive first (pci, phi and pii rank with
restricted: each names a regulated kind of restricted data)."""

SENSITIVE_LEVELS = frozenset({"confidential", "restricted", "pci", "phi", "pii"})

_RANK = {
    "unclassified": 0,
    "public": 1,
    "internal": 2,
    "confidential": 3,
    "restricted": 4,
    "pci": 4,
    "phi": 4,
    "pii": 4,
}

DEFAULT_CLASSIFICATION_TAGS = ("DataClassification", "data_classification", "Confidentiality")

DEFAULT_SENSITIVE_VALUES: Mapping[str, str] = {
    "pii": "pii",
    "phi": "phi",
    "pci": "pci",
    "cardholder": "pci",
    "restricted": "restricted",
    "secret": "restricted",
    "confidential": "confidential",
    "sensitive": "confidential",
    "internal": "internal",
    "public": "public",
}


@dataclass(frozen=True)
class RiskSettings:
    """The scope file's ``risk:`` key."""

    classification_tags: tuple[str, ...] = DEFAULT_CLASSIFICATION_TAGS
    sensitive_values: Mapping[str, str] = field(
        default_factory=lambda: dict(DEFAULT_SENSITIVE_VALUES)
    )

    @classmethod
    def from_mapping(cls, raw: Mapping[str, Any] | None) -> RiskSettings:
        if not raw:
            return cls()
        tags: Sequence[str] = raw.get("classification_tags", DEFAULT_CLASSIFICATION_TAGS)
        values = {str(k).lower(): str(v) for k, v in DEFAULT_SENSITIVE_VALUES.items()}
        values.update({str(k).lower(): str(v) for k, v in raw.get("sensitive_values", {}).items()})
        return cls(tuple(tags), values)

    def tag_level(self, tags: Mapping[str, Any] | None) -> tuple[str, str] | None:
        """The level a resource's tags name, with the tag that names it; None without one.
        Tag names match case-insensitively; an unmapped value counts as confidential (a
        classification tag was put there for a reason)."""
        if not tags:
            return None
        wanted = {t.lower() for t in self.classification_tags}
        best: tuple[str, str] | None = None
        for name, value in tags.items():
            if name.lower() not in wanted or not isinstance(value, str) or not value:
                continue
            level = self.sensitive_values.get(value.strip().lower(), "confidential")
            if best is None or _RANK.get(level, 3) > _RANK.get(best[0], 3):
                best = (level, f"{name}={value}")
        return best

    def sensitivity(self, tags: Mapping[str, Any] | None, account_level: str) -> tuple[str, str]:
        """A data store's level and where it came from (a tag, or the account)."""
        tagged = self.tag_level(tags)
        account = (account_level or "unclassified", f"account classified {account_level}")
        if tagged is None:
            return account
        return tagged if _RANK.get(tagged[0], 3) >= _RANK.get(account[0], 0) else account


def is_sensitive(level: str) -> bool:
    return level in SENSITIVE_LEVELS
