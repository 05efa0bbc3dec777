"""AWS normalizers: :class:`Facts` (what the collector read) -> a snapshot document.

Pure and deterministic: the same facts always give the same snapshot, and nothing here
calls AWS. Each service module maps its raw payloads to resource documents; this module
assembles them, with the account and per-region settings, into the snapshot envelope
of schemas/snapshot.json.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from cspm_opa.normalize.aws.account import account_document, region_settings_document
from cspm_opa.normalize.aws.common import Document
from cspm_opa.normalize.aws.compute import COMPUTE_TYPES, compute_resources, environment_names
from cspm_opa.normalize.aws.ec2 import EC2_TYPES, ec2_resources
from cspm_opa.normalize.aws.facts import Facts, Record
from cspm_opa.normalize.aws.iam import IAM_TYPES, iam_resources
from cspm_opa.normalize.aws.joins import mark_unreachable, unread_policies
from cspm_opa.normalize.aws.monitoring import MONITORING_TYPES, monitoring_resources
from cspm_opa.normalize.aws.network import (
    INTERFACE_TYPES,
    TARGET_GROUP_TYPES,
    interface_resources,
    target_group_resources,
)
from cspm_opa.normalize.aws.s3 import bucket_document
from cspm_opa.normalize.aws.storage import STORAGE_TYPES, storage_resources
from cspm_opa.normalize.aws.trail import TRAIL_TYPES, trail_resources

__all__ = ["Facts", "Record", "build_snapshot", "environment_names", "resource_documents"]


# Per region: (service, resource types, normalizer) for coverage should one fail.
_REGIONAL: tuple[tuple[str, tuple[str, ...], Callable[[Facts, str], list[Document]]], ...] = (
    ("ec2", EC2_TYPES, ec2_resources),
    ("ec2", INTERFACE_TYPES, interface_resources),
    ("rds", STORAGE_TYPES, storage_resources),
    ("cloudtrail", TRAIL_TYPES, trail_resources),
    ("cloudwatch", MONITORING_TYPES, monitoring_resources),
    ("lambda", COMPUTE_TYPES, compute_resources),
    ("elbv2", TARGET_GROUP_TYPES, target_group_resources),
)


def resource_documents(facts: Facts, account_name: str | None = None) -> list[Document]:
    """Every resource document of the account, account and region settings first.

    References that lead outside the account's scanned regions are named in the
    referring document's ``unknown`` (:func:`~cspm_opa.normalize.aws.joins.mark_unreachable`).

    A payload a normalizer cannot read (a bug, or an API shape never seen before) must
    not lose the rest of the account: the types that normalizer makes become a coverage
    entry with status "error" instead.
    """
    out = _Assembly(facts)
    out.docs.append(account_document(facts, account_name))
    out.docs.extend(region_settings_document(facts, region) for region in facts.regions)
    out.add("iam", "global", IAM_TYPES, iam_resources, facts)
    for record in facts.of("s3.bucket"):
        out.add("s3", record.region, ("aws_s3_bucket",), _bucket, record, facts.partition)
    for region in facts.regions:
        for service, types, normalize in _REGIONAL:
            out.add(service, region, types, normalize, facts, region)
    mark_unreachable(out.docs, facts.account_id, facts.regions)
    facts.coverage.extend(unread_policies(out.docs, facts.coverage))
    return out.docs


def _bucket(record: Record, partition: str) -> list[Document]:
    return [bucket_document(record, partition)]


class _Assembly:
    def __init__(self, facts: Facts):
        self.facts = facts
        self.docs: list[Document] = []

    def add(
        self,
        service: str,
        region: str,
        types: tuple[str, ...],
        normalize: Callable[..., list[Document]],
        *args: Any,
    ) -> None:
        try:
            self.docs.extend(normalize(*args))
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            detail = f"unreadable {service} payload: {type(exc).__name__}: {exc}"
            self.facts.coverage.append(
                {
                    "service": service,
                    "region": region,
                    "status": "error",
                    "detail": detail[:500],
                    "resource_types": list(types),
                }
            )


def group(docs: Iterable[Document]) -> dict[str, dict[str, Document]]:
    """Documents grouped by type and keyed by id (the first of a duplicate id wins)."""
    grouped: dict[str, dict[str, Document]] = {}
    for doc in docs:
        grouped.setdefault(doc["type"], {}).setdefault(doc["id"], doc)
    return grouped


def build_snapshot(
    facts: Facts, *, name: str | None = None, labels: Mapping[str, str] | None = None
) -> dict[str, Any]:
    """The snapshot document (schemas/snapshot.json) of one account."""
    account: dict[str, Any] = {"id": facts.account_id}
    if name:
        account["name"] = name
    if labels:
        account["labels"] = dict(labels)
    return {
        "schema_version": "1",
        "provider": "aws",
        "account": account,
        "taken_at": facts.taken_at,
        "regions": list(facts.regions),
        "resources": group(resource_documents(facts, name)),
        "coverage": list(facts.coverage),
    }
