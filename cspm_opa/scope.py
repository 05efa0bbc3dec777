"""The estate scope: which accounts exist, what they hold, and what they must comply with.

A YAML file (schemas/scope.json) classifies accounts, subscriptions and projects by id,
name pattern, or tags and labels: environment, data classification, compliance needs,
business criticality, workloads. The first matching rule applies, then ``defaults``.
Without a scope file, each account is assessed against its provider's CIS benchmark,
PCI DSS and SOC 2, at medium criticality.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from typing import Any

from cspm_opa.errors import ConfigError
from cspm_opa.model import Snapshot
from cspm_opa.risk.classify import RiskSettings
from cspm_opa.yamlfile import YamlDocument, load_yaml

__all__ = [
    "CRITICALITY_WEIGHTS",
    "AccountProfile",
    "Scope",
    "default_frameworks",
    "load_scope",
]

CRITICALITY_WEIGHTS = {"low": 1, "medium": 2, "high": 3, "critical": 4}

_CIS_BY_PROVIDER = {"aws": "CIS_AWS_v5.0", "azure": "CIS_Azure_v4.0", "gcp": "CIS_GCP_v4.0"}


def default_frameworks(provider: str) -> tuple[str, ...]:
    return (_CIS_BY_PROVIDER[provider], "PCI_DSS_v4.0", "SOC2")


@dataclass(frozen=True)
class AccountProfile:
    """What the scope says about one account."""

    provider: str
    account: str
    name: str
    environment: str = "unclassified"
    data_classification: str = "unclassified"
    compliance: tuple[str, ...] = ()
    criticality: str = "medium"
    workloads: tuple[str, ...] = ()
    owner: str = ""
    rule: str = "default"
    """Where the classification came from: ``file:line`` of the rule, or "default"."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "environment": self.environment,
            "data_classification": self.data_classification,
            "compliance": list(self.compliance),
            "criticality": self.criticality,
            "workloads": list(self.workloads),
            "owner": self.owner,
            "rule": self.rule,
        }


@dataclass(frozen=True)
class _Rule:
    match: Mapping[str, Any]
    profile: Mapping[str, Any]
    source: str


@dataclass(frozen=True)
class Scope:
    organization: str = ""
    defaults: Mapping[str, Any] = field(default_factory=dict)
    rules: tuple[_Rule, ...] = ()
    risk: RiskSettings = field(default_factory=RiskSettings)
    """The file's ``risk:`` key: classification tag names and values."""
    remediation_never: tuple[str, ...] = ()
    """The file's ``remediation: {never: [...]}``: resource ids or finding uids (globs)
    that remediation must never touch, for settings that cannot carry a tag."""

    def remediation_never_match(self, *ids: str) -> str | None:
        """The first ``remediation.never`` glob that matches one of ``ids``, or None."""
        return next(
            (glob for glob in self.remediation_never for i in ids if fnmatchcase(i, glob)), None
        )

    def classify(self, snap: Snapshot) -> AccountProfile:
        labels = dict(snap.document["account"].get("labels", {}))
        for rule in self.rules:
            if _matches(rule.match, snap, labels):
                return _profile(snap, {**self.defaults, **rule.profile}, rule.source)
        return _profile(snap, self.defaults, "defaults" if self.defaults else "default")

    def profiles(self, snapshots: Sequence[Snapshot]) -> list[AccountProfile]:
        return [self.classify(s) for s in snapshots]


def _matches(match: Mapping[str, Any], snap: Snapshot, labels: Mapping[str, str]) -> bool:
    if "provider" in match and match["provider"] != snap.provider:
        return False
    if "id" in match and not fnmatchcase(snap.account_id, match["id"]):
        return False
    if "name" in match and not fnmatchcase(snap.account_name, match["name"]):
        return False
    return all(
        key in labels and fnmatchcase(labels[key], pattern)
        for key, pattern in match.get("labels", {}).items()
    )


def _profile(snap: Snapshot, values: Mapping[str, Any], source: str) -> AccountProfile:
    return AccountProfile(
        provider=snap.provider,
        account=snap.account_id,
        name=snap.account_name,
        environment=values.get("environment", "unclassified"),
        data_classification=values.get("data_classification", "unclassified"),
        compliance=tuple(values.get("compliance") or default_frameworks(snap.provider)),
        criticality=values.get("criticality", "medium"),
        workloads=tuple(values.get("workloads", ())),
        owner=values.get("owner", ""),
        rule=source,
    )


def load_scope(path: str | os.PathLike[str]) -> Scope:
    """Read and validate a scope file (errors name the file and line)."""
    doc = load_yaml(path, "scope.json")
    _check_frameworks(doc)
    rules = []
    for i, entry in enumerate(doc.data["accounts"]):
        profile = {k: v for k, v in entry.items() if k != "match"}
        rules.append(_Rule(entry["match"], profile, doc.where(["accounts", i])))
    return Scope(
        organization=doc.data.get("organization", ""),
        defaults=doc.data.get("defaults", {}),
        rules=tuple(rules),
        risk=RiskSettings.from_mapping(doc.data.get("risk")),
        remediation_never=tuple((doc.data.get("remediation") or {}).get("never") or ()),
    )


def _check_frameworks(doc: YamlDocument) -> None:
    """Every framework the scope names must have a catalog: a typo or a framework this
    version does not ship fails here, naming the file, line and key, not mid-scan."""
    from cspm_opa.compliance.catalogs import framework_keys

    known = framework_keys()
    entries: list[tuple[list[str | int], Any]] = [(["defaults"], doc.data.get("defaults"))]
    entries += [(["accounts", i], entry) for i, entry in enumerate(doc.data["accounts"])]
    problems = [
        str(doc.error([*where, "compliance", j],
                      f"no catalog for framework {key!r} (known: {', '.join(known)})"))
        for where, entry in entries
        for j, key in enumerate((entry or {}).get("compliance") or ())
        if key not in known
    ]  # fmt: skip
    if problems:
        raise ConfigError("\n".join(problems))
