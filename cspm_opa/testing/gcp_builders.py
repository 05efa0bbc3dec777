"""Builders of GCP resource documents and snapshots, for tests and users' own tests.

Every builder returns a ``google_*`` document that validates against its schema and
passes every check of the built-in GCP pack in a snapshot taken at
:data:`DEFAULT_TAKEN_AT` (with :func:`project_baseline` beside it for the project-level
checks). Documents are the compliant raw assets of :mod:`cspm_opa.testing.gcp_assets`
run through the real normalizers, so builders, fake cloud and collector agree. Keyword
overrides are deep-merged into the document, so a test states only what it breaks::

    bucket = storage_bucket("logs", config={"uniform_bucket_level_access": False})
    doc = snapshot("acme-prod-gcp", [project(), bucket])

The one deliberate exception: GCP-APIKEYS-001 fails any project that holds an API key,
so a snapshot with an :func:`apikeys_key` document fails it for its project.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from cspm_opa.normalize.gcp import normalize_asset
from cspm_opa.normalize.gcp._common import bindings
from cspm_opa.normalize.gcp.access_approval import access_approval
from cspm_opa.normalize.gcp.identity import service_account_key
from cspm_opa.normalize.gcp.project import contact
from cspm_opa.normalize.gcp.project import project as project_document
from cspm_opa.testing import builders as aws
from cspm_opa.testing import gcp_assets as raw
from cspm_opa.testing.builders import deep_merge
from cspm_opa.testing.gcp_assets import ProjectRef

__all__ = [
    "DEFAULT_PROJECT",
    "DEFAULT_TAKEN_AT",
    "alert_policy",
    "apikeys_key",
    "bigquery_dataset",
    "bigquery_table",
    "compute_backend_service",
    "compute_disk",
    "compute_firewall",
    "compute_instance",
    "compute_network",
    "compute_subnetwork",
    "dataproc_cluster",
    "deep_merge",
    "dns_managed_zone",
    "dns_policy",
    "kms_crypto_key",
    "logging_metric",
    "logging_project_sink",
    "project",
    "project_baseline",
    "service_account",
    "snapshot",
    "sql_database_instance",
    "storage_bucket",
]

Document = dict[str, Any]

DEFAULT_TAKEN_AT = aws.DEFAULT_TAKEN_AT
DEFAULT_PROJECT = ProjectRef(
    "acme-prod-gcp", "424242424242", ("folders/5001", "organizations/9001")
)
NOW = datetime(2026, 11, 29, 10, 0, 0, tzinfo=UTC)
"""The moment relative ages are taken from, equal to DEFAULT_TAKEN_AT."""

BASELINE_SERVICES = (
    "cloudasset.googleapis.com",
    "compute.googleapis.com",
    "containeranalysis.googleapis.com",
    "containerscanning.googleapis.com",
    "logging.googleapis.com",
    "monitoring.googleapis.com",
)


def _doc(asset: Mapping[str, Any], overrides: Mapping[str, Any]) -> Document:
    doc = normalize_asset(asset)
    if doc is None:  # pragma: no cover - factories only make normalizable assets
        raise ValueError(f"{asset['assetType']} does not normalize to a document")
    if "iam_bindings" in doc["config"]:
        doc["config"]["iam_bindings"] = bindings(asset.get("iamPolicy"))
    return deep_merge(doc, overrides)


def project(p: ProjectRef = DEFAULT_PROJECT, **overrides: Any) -> Document:
    """A ``google_project``: people hold the broad roles, every Data Access audit log is
    on, Cloud Asset Inventory is enabled, OS Login is on, and the organization has an
    Essential Contact for every category, and Access Approval is enrolled for all services."""
    crm = raw.crm_project(p)
    meta = {
        "name": f"projects/{p.number}",
        "projectId": p.project_id,
        "displayName": p.project_id,
        "state": "ACTIVE",
        "parent": p.ancestors[0] if p.ancestors else None,
        "labels": {"environment": "production"},
    }
    org = next((a for a in p.ancestors if a.startswith("organizations/")), f"projects/{p.number}")
    doc = project_document(
        meta,
        ancestors=p.lineage,
        iam_policy=crm["iamPolicy"],
        services=[raw.service(p, s) for s in BASELINE_SERVICES],
        compute_project=raw.compute_project(p),
        contacts=[contact(raw.contact(p, org, 1, ["ALL"], "security@example.com"))],
    )
    doc["config"]["access_approval"] = access_approval(
        {"enrolledServices": [{"cloudProduct": "all"}], "notificationEmails": ["a@example.com"]}
    )
    return deep_merge(doc, overrides)


def service_account(
    name: str = "web", p: ProjectRef = DEFAULT_PROJECT, **overrides: Any
) -> Document:
    """A ``google_service_account`` with one Google-managed key."""
    account = raw.service_account(p, name, str(100000000000000000000 + len(name)))
    doc = _doc(account, {})
    doc["config"]["keys"] = [
        service_account_key(raw.service_account_key(account, p, "k1", now=NOW))
    ]
    return deep_merge(doc, overrides)


def storage_bucket(
    name: str = "acme-data", p: ProjectRef = DEFAULT_PROJECT, **overrides: Any
) -> Document:
    """A private ``google_storage_bucket`` with uniform bucket-level access."""
    return _doc(raw.bucket(p, name), overrides)


def kms_crypto_key(
    name: str = "payments", p: ProjectRef = DEFAULT_PROJECT, **overrides: Any
) -> Document:
    """A symmetric ``google_kms_crypto_key`` rotating every 90 days."""
    return _doc(raw.crypto_key(p, "app", name, now=NOW), overrides)


def apikeys_key(
    name: str = "maps-backend", p: ProjectRef = DEFAULT_PROJECT, **overrides: Any
) -> Document:
    """A restricted ``google_apikeys_key`` created 10 days before DEFAULT_TAKEN_AT."""
    return _doc(raw.api_key(p, f"uid-{name}", name, now=NOW), overrides)


def compute_network(
    name: str = "prod-vpc", p: ProjectRef = DEFAULT_PROJECT, **overrides: Any
) -> Document:
    """A custom-mode ``google_compute_network`` (pair it with :func:`dns_policy`)."""
    return _doc(raw.network(p, name), overrides)


def compute_subnetwork(
    name: str = "app", network: str = "prod-vpc", p: ProjectRef = DEFAULT_PROJECT, **overrides: Any
) -> Document:
    """A ``google_compute_subnetwork`` with full flow logs."""
    return _doc(raw.subnetwork(p, name, network), overrides)


def compute_firewall(
    name: str = "allow-https",
    network: str = "prod-vpc",
    p: ProjectRef = DEFAULT_PROJECT,
    **overrides: Any,
) -> Document:
    """A ``google_compute_firewall`` rule admitting HTTPS from anywhere."""
    return _doc(raw.firewall(p, name, network), overrides)


def compute_instance(
    name: str = "web-1", p: ProjectRef = DEFAULT_PROJECT, **overrides: Any
) -> Document:
    """A hardened ``google_compute_instance``."""
    return _doc(raw.instance(p, name), overrides)


def compute_disk(
    name: str = "web-1", p: ProjectRef = DEFAULT_PROJECT, **overrides: Any
) -> Document:
    """A ``google_compute_disk`` encrypted with a customer-supplied key."""
    return _doc(raw.disk(p, name), overrides)


def compute_backend_service(
    name: str = "web", p: ProjectRef = DEFAULT_PROJECT, **overrides: Any
) -> Document:
    """An HTTPS ``google_compute_backend_service`` that logs requests."""
    return _doc(raw.backend_service(p, name), overrides)


def dns_managed_zone(
    name: str = "acme", p: ProjectRef = DEFAULT_PROJECT, **overrides: Any
) -> Document:
    """A public ``google_dns_managed_zone`` signed with RSASHA256."""
    return _doc(raw.managed_zone(p, name), overrides)


def dns_policy(
    name: str = "dns-logging",
    networks: Sequence[str] = ("prod-vpc",),
    p: ProjectRef = DEFAULT_PROJECT,
    **overrides: Any,
) -> Document:
    """A ``google_dns_policy`` logging queries on ``networks``."""
    return _doc(raw.dns_policy(p, name, networks), overrides)


def logging_project_sink(
    name: str = "all-logs",
    bucket: str = "acme-audit-logs",
    p: ProjectRef = DEFAULT_PROJECT,
    **overrides: Any,
) -> Document:
    """A ``google_logging_project_sink`` exporting every entry to ``bucket``."""
    return _doc(raw.log_sink(p, name, bucket), overrides)


def logging_metric(
    name: str = "project-ownership-changes", p: ProjectRef = DEFAULT_PROJECT, **overrides: Any
) -> Document:
    """A ``google_logging_metric`` with one of the CIS filters (by its name in
    :data:`~cspm_opa.testing.gcp_assets.CIS_LOG_METRICS`)."""
    return _doc(raw.log_metric(p, name, raw.CIS_LOG_METRICS[name]), overrides)


def alert_policy(
    metric: str = "project-ownership-changes", p: ProjectRef = DEFAULT_PROJECT, **overrides: Any
) -> Document:
    """An enabled ``google_monitoring_alert_policy`` on the log-based metric ``metric``."""
    return _doc(raw.alert_policy(p, f"alert-{metric}", metric), overrides)


def sql_database_instance(
    name: str = "orders",
    engine: str = "POSTGRES",
    p: ProjectRef = DEFAULT_PROJECT,
    **overrides: Any,
) -> Document:
    """A private ``google_sql_database_instance`` requiring TLS, with backups and the
    engine's CIS flags."""
    return _doc(raw.sql_instance(p, name, engine), overrides)


def bigquery_dataset(
    name: str = "finance", p: ProjectRef = DEFAULT_PROJECT, **overrides: Any
) -> Document:
    """A private ``google_bigquery_dataset`` with a default customer-managed key."""
    return _doc(raw.bigquery_dataset(p, name), overrides)


def bigquery_table(
    name: str = "ledger",
    dataset: str = "finance",
    p: ProjectRef = DEFAULT_PROJECT,
    **overrides: Any,
) -> Document:
    """A ``google_bigquery_table`` encrypted with a customer-managed key."""
    return _doc(raw.bigquery_table(p, dataset, name), overrides)


def dataproc_cluster(
    name: str = "etl", p: ProjectRef = DEFAULT_PROJECT, **overrides: Any
) -> Document:
    """A ``google_dataproc_cluster`` whose disks use a customer-managed key."""
    return _doc(raw.dataproc_cluster(p, name), overrides)


def project_baseline(
    p: ProjectRef = DEFAULT_PROJECT, *, log_bucket: str = "acme-audit-logs"
) -> list[Document]:
    """What the project-level checks need to pass: the project, a sink of every entry to
    a bucket with a locked retention policy, and the CIS log metrics with alerts."""
    locked = {
        "config": {"retention_policy": {"retention_period_seconds": 31536000, "is_locked": True}}
    }
    return [
        project(p),
        logging_project_sink("all-logs", log_bucket, p),
        storage_bucket(log_bucket, p, **locked),
        *(logging_metric(m, p) for m in raw.CIS_LOG_METRICS),
        *(alert_policy(m, p) for m in raw.CIS_LOG_METRICS),
    ]


def snapshot(
    project_id: str,
    resources: Iterable[Mapping[str, Any]],
    *,
    name: str | None = None,
    labels: Mapping[str, str] | None = None,
    regions: Sequence[str] | None = None,
    taken_at: str = DEFAULT_TAKEN_AT,
    coverage: Iterable[Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """A GCP snapshot envelope (provider "gcp", account id = project id); see
    :func:`cspm_opa.testing.builders.snapshot` for the arguments."""
    doc = aws.snapshot(
        project_id,
        resources,
        name=name,
        labels=labels,
        regions=regions,
        taken_at=taken_at,
        coverage=coverage,
    )
    doc["provider"] = "gcp"
    return doc
