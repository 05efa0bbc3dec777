"""What the GCP collector lists, and what each listing feeds.

A :class:`Source` is one ``ListAssets`` call per project (one content type, a few asset
types). Listings are the unit of failure: when one is denied or throttled, the resource
types it ``produces`` become coverage entries (checks of those types are UNKNOWN), and the
config fields it ``feeds`` on other documents are named in their ``unknown`` (checks that
read those fields are UNKNOWN for them).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

__all__ = ["ORG_CONTACTS", "SOURCES", "AssetTypes", "Failure", "Listing", "Source"]


class AssetTypes:
    """Cloud Asset Inventory asset type names."""

    CRM_PROJECT = "cloudresourcemanager.googleapis.com/Project"
    COMPUTE_PROJECT = "compute.googleapis.com/Project"
    SERVICE = "serviceusage.googleapis.com/Service"
    CONTACT = "essentialcontacts.googleapis.com/Contact"
    API_KEY = "apikeys.googleapis.com/Key"
    SERVICE_ACCOUNT = "iam.googleapis.com/ServiceAccount"
    SERVICE_ACCOUNT_KEY = "iam.googleapis.com/ServiceAccountKey"
    BUCKET = "storage.googleapis.com/Bucket"
    CRYPTO_KEY = "cloudkms.googleapis.com/CryptoKey"
    INSTANCE = "compute.googleapis.com/Instance"
    DISK = "compute.googleapis.com/Disk"
    BACKEND_SERVICE = "compute.googleapis.com/BackendService"
    NETWORK = "compute.googleapis.com/Network"
    SUBNETWORK = "compute.googleapis.com/Subnetwork"
    FIREWALL = "compute.googleapis.com/Firewall"
    DNS_ZONE = "dns.googleapis.com/ManagedZone"
    DNS_POLICY = "dns.googleapis.com/Policy"
    LOG_SINK = "logging.googleapis.com/LogSink"
    LOG_METRIC = "logging.googleapis.com/LogMetric"
    ALERT_POLICY = "monitoring.googleapis.com/AlertPolicy"
    SQL_INSTANCE = "sqladmin.googleapis.com/Instance"
    DATASET = "bigquery.googleapis.com/Dataset"
    TABLE = "bigquery.googleapis.com/Table"
    DATAPROC_CLUSTER = "dataproc.googleapis.com/Cluster"


T = AssetTypes
PROJECT = "google_project"


@dataclass(frozen=True)
class Source:
    name: str
    content_type: str
    """RESOURCE or IAM_POLICY."""
    asset_types: tuple[str, ...]
    produces: tuple[str, ...] = ()
    feeds: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Failure:
    status: str
    """A coverage status: denied, throttled or error."""
    detail: str


@dataclass(frozen=True)
class Listing:
    """The outcome of one source for one parent: its assets, or why there are none."""

    source: Source
    assets: tuple[Mapping[str, Any], ...] = ()
    failure: Failure | None = None


SOURCES: tuple[Source, ...] = (
    Source(
        "project",
        "RESOURCE",
        (T.CRM_PROJECT, T.COMPUTE_PROJECT, T.SERVICE, T.CONTACT, T.API_KEY),
        produces=("google_apikeys_key",),
        feeds=(
            (PROJECT, "enabled_services"),
            (PROJECT, "os_login_enabled"),
            (PROJECT, "essential_contacts"),
        ),
    ),
    Source(
        "iam-policies",
        "IAM_POLICY",
        (T.CRM_PROJECT, T.BUCKET, T.CRYPTO_KEY, T.DATASET),
        feeds=(
            (PROJECT, "iam_bindings"),
            (PROJECT, "audit_configs"),
            ("google_storage_bucket", "iam_bindings"),
            ("google_kms_crypto_key", "iam_bindings"),
            ("google_bigquery_dataset", "iam_bindings"),
        ),
    ),
    Source(
        "iam",
        "RESOURCE",
        (T.SERVICE_ACCOUNT, T.SERVICE_ACCOUNT_KEY),
        produces=("google_service_account",),
    ),
    Source("storage", "RESOURCE", (T.BUCKET,), produces=("google_storage_bucket",)),
    Source("kms", "RESOURCE", (T.CRYPTO_KEY,), produces=("google_kms_crypto_key",)),
    Source(
        "compute",
        "RESOURCE",
        (T.INSTANCE, T.DISK, T.BACKEND_SERVICE),
        produces=(
            "google_compute_instance",
            "google_compute_disk",
            "google_compute_backend_service",
        ),
    ),
    Source(
        "network",
        "RESOURCE",
        (T.NETWORK, T.SUBNETWORK, T.FIREWALL),
        produces=("google_compute_network", "google_compute_subnetwork", "google_compute_firewall"),
    ),
    Source(
        "dns",
        "RESOURCE",
        (T.DNS_ZONE, T.DNS_POLICY),
        produces=("google_dns_managed_zone", "google_dns_policy"),
    ),
    Source(
        "logging",
        "RESOURCE",
        (T.LOG_SINK, T.LOG_METRIC, T.ALERT_POLICY),
        produces=(
            "google_logging_project_sink",
            "google_logging_metric",
            "google_monitoring_alert_policy",
        ),
    ),
    Source("sql", "RESOURCE", (T.SQL_INSTANCE,), produces=("google_sql_database_instance",)),
    Source(
        "bigquery",
        "RESOURCE",
        (T.DATASET, T.TABLE),
        produces=("google_bigquery_dataset", "google_bigquery_table"),
    ),
    Source("dataproc", "RESOURCE", (T.DATAPROC_CLUSTER,), produces=("google_dataproc_cluster",)),
)

ORG_CONTACTS = Source(
    "org-contacts", "RESOURCE", (T.CONTACT,), feeds=((PROJECT, "essential_contacts"),)
)
"""Essential Contacts set on a project's folders and organization, listed once per
organization: a project inherits them, and CIS 1.16 asks about the organization's."""
