"""Frozen values that flow through the pipeline: snapshots, policies and findings."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

__all__ = [
    "ComplianceRef",
    "CoverageGap",
    "Finding",
    "Policy",
    "ResourceRef",
    "Severity",
    "Snapshot",
    "Status",
    "WaiverRef",
    "finding_uid",
]


class Severity(StrEnum):
    """How bad a failed check is. Ordered by rank: ``Severity.LOW < Severity.HIGH``."""

    INFO = "INFO"
    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"
    CRITICAL = "CRITICAL"

    @property
    def rank(self) -> int:
        return _SEVERITY_ORDER.index(self)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank

    def __hash__(self) -> int:
        return str.__hash__(self)


_SEVERITY_ORDER = (Severity.INFO, Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL)


class Status(StrEnum):
    """The verdict of one check on one resource."""

    PASS = "PASS"
    FAIL = "FAIL"
    UNKNOWN = "UNKNOWN"
    WAIVED = "WAIVED"


@dataclass(frozen=True)
class ComplianceRef:
    """One control of one framework that a check supports, e.g. ("CIS_AWS_v5.0", "2.1.1")."""

    framework: str
    control: str


@dataclass(frozen=True)
class Policy:
    """A check, as declared by its Rego METADATA."""

    id: str
    title: str
    description: str
    severity: Severity
    resource_type: str
    remediation: str
    package: str
    """The Rego package, e.g. ``cspm.checks.aws.s3.deny_http``."""
    file: str
    compliance: tuple[ComplianceRef, ...] = ()
    reads: frozenset[str] = frozenset()
    """Config fields the check reads (refs under ``config``), derived from its Rego."""
    depends_on: frozenset[str] = frozenset()
    """Resource types the check reads (refs under ``input.resources``), its own included."""
    id_splittable: bool = False
    """Whether its own type may be sent in id ranges (see cspm_opa.engine.splitting)."""
    splits_over: frozenset[str] = frozenset()
    """Other types it reads one resource at a time, so they too may go in id ranges."""

    @property
    def provider(self) -> str:
        return self.package.split(".")[2]

    @property
    def key(self) -> str:
        """The package path below ``cspm.checks``, as the entrypoint reports it."""
        return self.package.removeprefix("cspm.checks.")


@dataclass(frozen=True)
class CoverageGap:
    """Something the collector could not read; checks that needed it are UNKNOWN."""

    service: str
    region: str
    status: str
    resource_types: tuple[str, ...]
    detail: str = ""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "service": self.service,
            "region": self.region,
            "status": self.status,
            "resource_types": list(self.resource_types),
        }
        if self.detail:
            out["detail"] = self.detail
        return out


@dataclass(frozen=True)
class Snapshot:
    """One account's configuration, validated against the schemas.

    ``document`` is the snapshot as JSON data; OPA receives it unchanged as ``input``.
    Build one with :func:`cspm_opa.load_snapshot` or :func:`cspm_opa.snapshot_from_dict`,
    which validate it first.
    """

    document: Mapping[str, Any] = field(repr=False, compare=False)
    provider: str
    account_id: str
    taken_at: str
    source: str = "<memory>"

    @property
    def account_name(self) -> str:
        return str(self.document["account"].get("name", self.account_id))

    @property
    def regions(self) -> tuple[str, ...]:
        return tuple(self.document["regions"])

    @property
    def resources(self) -> Mapping[str, Mapping[str, Mapping[str, Any]]]:
        return self.document["resources"]  # type: ignore[no-any-return]

    @property
    def coverage(self) -> tuple[CoverageGap, ...]:
        return tuple(
            CoverageGap(
                service=c["service"],
                region=c["region"],
                status=c["status"],
                resource_types=tuple(c["resource_types"]),
                detail=c.get("detail", ""),
            )
            for c in self.document["coverage"]
        )

    def resource_count(self) -> int:
        return sum(len(by_id) for by_id in self.resources.values())


@dataclass(frozen=True)
class ResourceRef:
    """The resource a finding is about."""

    id: str
    type: str
    provider: str
    account: str
    region: str = ""
    name: str = ""
    tags: Mapping[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "provider": self.provider,
            "account": self.account,
            "region": self.region,
            "name": self.name,
            "tags": dict(self.tags),
        }


def finding_uid(provider: str, account: str, policy_id: str, resource_id: str) -> str:
    """A stable id: the same check on the same resource gets the same uid in every scan."""
    key = "\x1f".join((provider, account, policy_id, resource_id))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


@dataclass(frozen=True)
class WaiverRef:
    """The waiver that turned a finding WAIVED."""

    reason: str
    owner: str
    expires: str
    source: str = ""

    def to_dict(self) -> dict[str, str]:
        return {"reason": self.reason, "owner": self.owner, "expires": self.expires,
                "source": self.source}  # fmt: skip


@dataclass(frozen=True)
class Finding:
    """The result of one check on one resource."""

    uid: str
    policy_id: str
    title: str
    severity: Severity
    status: Status
    message: str
    remediation: str
    resource: ResourceRef
    compliance: tuple[ComplianceRef, ...] = ()
    waiver: WaiverRef | None = None
    priority: Mapping[str, Any] | None = field(default=None, compare=False)
    """``{"level", "score", "factors"}`` on FAIL and UNKNOWN findings once risk is
    assessed (cspm_opa.risk.priority); None before."""

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "uid": self.uid,
            "policy_id": self.policy_id,
            "title": self.title,
            "severity": self.severity.value,
            "status": self.status.value,
            "message": self.message,
            "remediation": self.remediation,
            "resource": self.resource.to_dict(),
            "compliance": [
                {"framework": c.framework, "control": c.control} for c in self.compliance
            ],
        }
        if self.priority is not None:
            out["priority"] = dict(self.priority)
        if self.waiver is not None:
            out["waiver"] = self.waiver.to_dict()
        return out
