"""Cloud Asset Inventory assets as the REST API returns them, compliant by default.

Each factory returns one asset (``name``, ``assetType``, ``ancestors``, ``resource``
with the service's own JSON in ``data``, and ``iamPolicy`` where the type has one) that
passes every check of the built-in GCP pack once normalized. ``data`` overrides are
deep-merged into ``resource.data``; ``iam_policy`` replaces the policy. The fake cloud
serves these assets, and :mod:`cspm_opa.testing.gcp_builders` normalizes them into
resource documents, so the two can never disagree about what "compliant" means.

Times are relative to ``now`` (a key "created 10 days ago"), because the checks age
things against the snapshot's taken_at, which a live collection sets to the clock.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from cspm_opa.testing.builders import deep_merge

__all__ = [
    "CIS_LOG_METRICS",
    "CLOUD_PLATFORM",
    "COMPUTE",
    "ProjectRef",
    "ago",
    "alert_policy",
    "api_key",
    "backend_service",
    "bigquery_dataset",
    "bigquery_table",
    "bucket",
    "compute_project",
    "contact",
    "crm_project",
    "crypto_key",
    "dataproc_cluster",
    "disk",
    "dns_policy",
    "firewall",
    "instance",
    "iso",
    "log_metric",
    "log_sink",
    "managed_zone",
    "network",
    "policy",
    "service",
    "service_account",
    "service_account_key",
    "sql_instance",
    "subnetwork",
]

Asset = dict[str, Any]
COMPUTE = "https://www.googleapis.com/compute/v1"
CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform"
ZONE = "us-central1-a"
REGION = "us-central1"


def iso(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# Asset names use the service's resource name host, which is not always the asset type's.
_NAME_HOSTS = {"sqladmin.googleapis.com": "cloudsql.googleapis.com"}


def ago(days: int, now: datetime | None = None) -> str:
    """RFC 3339 time ``days`` before ``now`` (the clock by default)."""
    return iso((now or datetime.now(UTC)) - timedelta(days=days))


@dataclass(frozen=True)
class ProjectRef:
    """Where assets live: the project's id and number, and the folders and organization
    above it (``ancestors`` from the project up, as Asset Inventory lists them)."""

    project_id: str
    number: str
    ancestors: tuple[str, ...] = ()

    @property
    def lineage(self) -> list[str]:
        return [f"projects/{self.number}", *self.ancestors]

    @property
    def crm_name(self) -> str:
        return f"//cloudresourcemanager.googleapis.com/projects/{self.number}"

    def compute_url(self, path: str) -> str:
        return f"{COMPUTE}/projects/{self.project_id}/{path}"


def _asset(
    p: ProjectRef,
    asset_type: str,
    name: str,
    data: Mapping[str, Any],
    overrides: Mapping[str, Any] | None,
    *,
    location: str = "global",
    parent: str | None = None,
    iam_policy: Mapping[str, Any] | None = None,
) -> Asset:
    service = asset_type.split("/", 1)[0]
    service = _NAME_HOSTS.get(service, service)
    asset: Asset = {
        "name": f"//{service}/{name}",
        "assetType": asset_type,
        "ancestors": p.lineage,
        "updateTime": "2026-01-01T00:00:00Z",
        "resource": {
            "version": "v1",
            "discoveryName": asset_type.rsplit("/", 1)[1],
            "parent": parent or p.crm_name,
            "location": location,
            "data": _without_nulls(deep_merge(data, overrides or {})),
        },
    }
    if iam_policy is not None:
        asset["iamPolicy"] = dict(iam_policy)
    return asset


def _without_nulls(value: Any) -> Any:
    """Overrides write None to mean "not set"; the APIs leave such fields out."""
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list):
        return [_without_nulls(v) for v in value]
    return value


def policy(*bindings: tuple[str, Sequence[str]], **extra: Any) -> dict[str, Any]:
    """An IAM policy from (role, members) pairs."""
    return {
        "version": 1,
        "bindings": [{"role": r, "members": list(m)} for r, m in bindings],
        "etag": "BwXhZ1a2b3c=",
        **extra,
    }


# --- project-level ----------------------------------------------------------------------

ALL_AUDIT_LOGS = [
    {
        "service": "allServices",
        "auditLogConfigs": [
            {"logType": "ADMIN_READ"},
            {"logType": "DATA_READ"},
            {"logType": "DATA_WRITE"},
        ],
    }
]


def crm_project(
    p: ProjectRef,
    data: Mapping[str, Any] | None = None,
    *,
    iam_policy: Mapping[str, Any] | None = None,
) -> Asset:
    """The project itself, with an IAM policy that gives people (not service accounts)
    the broad roles and turns on every Data Access audit log."""
    parent = p.ancestors[0] if p.ancestors else None
    body: dict[str, Any] = {
        "projectNumber": p.number,
        "projectId": p.project_id,
        "lifecycleState": "ACTIVE",
        "name": p.project_id,
        "createTime": "2024-01-15T09:00:00Z",
    }
    if parent:
        kind, ident = parent.split("/", 1)
        body["parent"] = {"type": kind.rstrip("s"), "id": ident}
    if iam_policy is None:
        iam_policy = policy(
            ("roles/owner", ["group:platform-admins@example.com"]),
            ("roles/viewer", ["group:engineering@example.com"]),
            (
                "roles/storage.objectViewer",
                [f"serviceAccount:web@{p.project_id}.iam.gserviceaccount.com"],
            ),
            ("roles/editor", [f"serviceAccount:{p.number}@cloudservices.gserviceaccount.com"]),
            auditConfigs=ALL_AUDIT_LOGS,
        )
    return _asset(
        p,
        "cloudresourcemanager.googleapis.com/Project",
        f"projects/{p.number}",
        body,
        data,
        parent=f"//cloudresourcemanager.googleapis.com/{parent}" if parent else "",
        iam_policy=iam_policy,
    )


def compute_project(p: ProjectRef, items: Mapping[str, str] | None = None) -> Asset:
    """Compute Engine project metadata: OS Login on (plus an ssh-keys entry, which
    normalization must drop)."""
    values = {"enable-oslogin": "TRUE", "ssh-keys": "ops:ssh-ed25519 AAAAC3Nza... ops"}
    values.update(items or {})
    data = {
        "name": p.project_id,
        "commonInstanceMetadata": {"items": [{"key": k, "value": v} for k, v in values.items()]},
    }
    return _asset(p, "compute.googleapis.com/Project", f"projects/{p.project_id}", data, None)


def service(p: ProjectRef, name: str, state: str = "ENABLED") -> Asset:
    data: dict[str, Any] = {
        "name": f"projects/{p.number}/services/{name}",
        "parent": f"projects/{p.number}",
        "state": state,
        "config": {"name": name, "title": name},
    }
    return _asset(p, "serviceusage.googleapis.com/Service", data["name"], data, None)


def contact(
    p: ProjectRef, parent: str, number: int, categories: Sequence[str], email: str
) -> Asset:
    """An Essential Contact set on ``parent`` (the project, a folder or the organization)."""
    name = f"{parent}/contacts/{number}"
    data = {
        "name": name,
        "email": email,
        "notificationCategorySubscriptions": list(categories),
        "languageTag": "en-US",
        "validationState": "VALID",
    }
    asset = _asset(p, "essentialcontacts.googleapis.com/Contact", name, data, None)
    if not parent.startswith("projects/"):
        asset["ancestors"] = p.lineage[p.lineage.index(parent) :]
        asset["resource"]["parent"] = f"//cloudresourcemanager.googleapis.com/{parent}"
    return asset


def api_key(
    p: ProjectRef,
    uid: str,
    display_name: str,
    data: Mapping[str, Any] | None = None,
    *,
    now: datetime | None = None,
) -> Asset:
    """An API key restricted to one API and to server addresses, created 10 days ago.
    The key string is not part of the asset (it needs a separate getKeyString call)."""
    name = f"projects/{p.number}/locations/global/keys/{uid}"
    body = {
        "name": name,
        "uid": uid,
        "displayName": display_name,
        "createTime": ago(10, now),
        "updateTime": ago(10, now),
        "restrictions": {
            "serverKeyRestrictions": {"allowedIps": ["203.0.113.10"]},
            "apiTargets": [{"service": "maps-backend.googleapis.com"}],
        },
        "etag": '"w/abc"',
    }
    return _asset(p, "apikeys.googleapis.com/Key", name, body, data)


# --- IAM --------------------------------------------------------------------------------


def service_account(p: ProjectRef, account: str, unique_id: str) -> Asset:
    email = f"{account}@{p.project_id}.iam.gserviceaccount.com"
    data = {
        "name": f"projects/{p.project_id}/serviceAccounts/{email}",
        "projectId": p.project_id,
        "uniqueId": unique_id,
        "email": email,
        "displayName": account,
        "oauth2ClientId": unique_id,
    }
    return _asset(
        p,
        "iam.googleapis.com/ServiceAccount",
        f"projects/{p.project_id}/serviceAccounts/{unique_id}",
        data,
        None,
    )


def service_account_key(
    owner: Asset,
    p: ProjectRef,
    key_id: str,
    data: Mapping[str, Any] | None = None,
    *,
    now: datetime | None = None,
) -> Asset:
    """A Google-managed key of ``owner``, valid from 5 days ago."""
    email = owner["resource"]["data"]["email"]
    body = {
        "name": f"projects/{p.project_id}/serviceAccounts/{email}/keys/{key_id}",
        "validAfterTime": ago(5, now),
        "validBeforeTime": ago(-85, now),
        "keyAlgorithm": "KEY_ALG_RSA_2048",
        "keyOrigin": "GOOGLE_PROVIDED",
        "keyType": "SYSTEM_MANAGED",
    }
    owner_path = owner["name"].removeprefix("//iam.googleapis.com/")
    return _asset(
        p,
        "iam.googleapis.com/ServiceAccountKey",
        f"{owner_path}/keys/{key_id}",
        body,
        data,
        parent=owner["name"],
    )


# --- storage and keys -------------------------------------------------------------------


def bucket(
    p: ProjectRef,
    name: str,
    data: Mapping[str, Any] | None = None,
    *,
    iam_policy: Mapping[str, Any] | None = None,
) -> Asset:
    """A private bucket with uniform access, public access prevention and versioning."""
    body = {
        "kind": "storage#bucket",
        "name": name,
        "id": name,
        "projectNumber": p.number,
        "location": "US",
        "locationType": "multi-region",
        "storageClass": "STANDARD",
        "iamConfiguration": {
            "uniformBucketLevelAccess": {"enabled": True},
            "publicAccessPrevention": "enforced",
        },
        "versioning": {"enabled": True},
        "labels": {"team": "platform"},
    }
    if iam_policy is None:
        iam_policy = policy(
            ("roles/storage.admin", ["group:platform-admins@example.com"]),
            (
                "roles/storage.objectViewer",
                [f"serviceAccount:web@{p.project_id}.iam.gserviceaccount.com"],
            ),
        )
    return _asset(
        p, "storage.googleapis.com/Bucket", name, body, data, location="us", iam_policy=iam_policy
    )


def crypto_key(
    p: ProjectRef,
    ring: str,
    name: str,
    data: Mapping[str, Any] | None = None,
    *,
    iam_policy: Mapping[str, Any] | None = None,
    now: datetime | None = None,
) -> Asset:
    """A symmetric key rotating every 90 days, usable only by one service account."""
    path = f"projects/{p.project_id}/locations/us/keyRings/{ring}/cryptoKeys/{name}"
    body = {
        "name": path,
        "purpose": "ENCRYPT_DECRYPT",
        "createTime": ago(200, now),
        "rotationPeriod": "7776000s",
        "nextRotationTime": ago(-30, now),
        "primary": {
            "name": f"{path}/cryptoKeyVersions/3",
            "state": "ENABLED",
            "protectionLevel": "SOFTWARE",
            "algorithm": "GOOGLE_SYMMETRIC_ENCRYPTION",
        },
        "versionTemplate": {
            "protectionLevel": "SOFTWARE",
            "algorithm": "GOOGLE_SYMMETRIC_ENCRYPTION",
        },
    }
    if iam_policy is None:
        iam_policy = policy(
            (
                "roles/cloudkms.cryptoKeyEncrypterDecrypter",
                [f"serviceAccount:web@{p.project_id}.iam.gserviceaccount.com"],
            )
        )
    return _asset(
        p,
        "cloudkms.googleapis.com/CryptoKey",
        path,
        body,
        data,
        location="us",
        iam_policy=iam_policy,
    )


# --- networks ---------------------------------------------------------------------------


def network(p: ProjectRef, name: str, data: Mapping[str, Any] | None = None) -> Asset:
    """A custom-mode VPC network."""
    path = f"projects/{p.project_id}/global/networks/{name}"
    body = {
        "name": name,
        "selfLink": f"{COMPUTE}/{path}",
        "autoCreateSubnetworks": False,
        "routingConfig": {"routingMode": "REGIONAL"},
    }
    return _asset(p, "compute.googleapis.com/Network", path, body, data)


def subnetwork(
    p: ProjectRef, name: str, network_name: str, data: Mapping[str, Any] | None = None
) -> Asset:
    """A subnet logging every flow with all metadata every 5 seconds."""
    path = f"projects/{p.project_id}/regions/{REGION}/subnetworks/{name}"
    body = {
        "name": name,
        "network": p.compute_url(f"global/networks/{network_name}"),
        "region": p.compute_url(f"regions/{REGION}"),
        "ipCidrRange": "10.10.0.0/20",
        "purpose": "PRIVATE",
        "privateIpGoogleAccess": True,
        "logConfig": {
            "enable": True,
            "aggregationInterval": "INTERVAL_5_SEC",
            "flowSampling": 1.0,
            "metadata": "INCLUDE_ALL_METADATA",
        },
        "selfLink": f"{COMPUTE}/{path}",
    }
    return _asset(p, "compute.googleapis.com/Subnetwork", path, body, data, location=REGION)


def firewall(
    p: ProjectRef, name: str, network_name: str, data: Mapping[str, Any] | None = None
) -> Asset:
    """An ingress rule admitting HTTPS from anywhere."""
    path = f"projects/{p.project_id}/global/firewalls/{name}"
    body = {
        "name": name,
        "network": p.compute_url(f"global/networks/{network_name}"),
        "direction": "INGRESS",
        "priority": 1000.0,
        "sourceRanges": ["0.0.0.0/0"],
        "allowed": [{"IPProtocol": "tcp", "ports": ["443"]}],
        "disabled": False,
        "logConfig": {"enable": True},
    }
    return _asset(p, "compute.googleapis.com/Firewall", path, body, data)


def backend_service(p: ProjectRef, name: str, data: Mapping[str, Any] | None = None) -> Asset:
    """An HTTPS backend service logging every request."""
    path = f"projects/{p.project_id}/global/backendServices/{name}"
    body = {
        "name": name,
        "protocol": "HTTPS",
        "loadBalancingScheme": "EXTERNAL_MANAGED",
        "logConfig": {"enable": True, "sampleRate": 1.0},
    }
    return _asset(p, "compute.googleapis.com/BackendService", path, body, data)


def managed_zone(p: ProjectRef, name: str, data: Mapping[str, Any] | None = None) -> Asset:
    """A public zone signed with DNSSEC using RSASHA256."""
    path = f"projects/{p.project_id}/managedZones/{name}"
    body = {
        "name": name,
        "dnsName": f"{name}.example.",
        "visibility": "public",
        "dnssecConfig": {
            "state": "on",
            "nonExistence": "nsec3",
            "defaultKeySpecs": [
                {"keyType": "keySigning", "algorithm": "rsasha256", "keyLength": 2048.0},
                {"keyType": "zoneSigning", "algorithm": "rsasha256", "keyLength": 1024.0},
            ],
        },
    }
    return _asset(p, "dns.googleapis.com/ManagedZone", path, body, data)


def dns_policy(p: ProjectRef, name: str, networks: Sequence[str]) -> Asset:
    """A DNS server policy logging queries on the named networks."""
    path = f"projects/{p.project_id}/policies/{name}"
    body = {
        "name": name,
        "enableLogging": True,
        "enableInboundForwarding": False,
        "networks": [{"networkUrl": p.compute_url(f"global/networks/{n}")} for n in networks],
    }
    return _asset(p, "dns.googleapis.com/Policy", path, body, None)


# --- compute ----------------------------------------------------------------------------


def instance(p: ProjectRef, name: str, data: Mapping[str, Any] | None = None) -> Asset:
    """A VM with a dedicated service account, no external address, Shielded VM and
    Confidential Computing on, and project SSH keys blocked. Its metadata also carries a
    startup script with a credential in it, which normalization must drop."""
    path = f"projects/{p.project_id}/zones/{ZONE}/instances/{name}"
    body = {
        "name": name,
        "zone": p.compute_url(f"zones/{ZONE}"),
        "machineType": p.compute_url(f"zones/{ZONE}/machineTypes/n2d-standard-2"),
        "status": "RUNNING",
        "canIpForward": False,
        "serviceAccounts": [
            {
                "email": f"web@{p.project_id}.iam.gserviceaccount.com",
                "scopes": [CLOUD_PLATFORM],
            }
        ],
        "metadata": {
            "items": [
                {"key": "block-project-ssh-keys", "value": "TRUE"},
                {"key": "startup-script", "value": "export DB_PASSWORD=correct-horse-battery"},
            ]
        },
        "networkInterfaces": [
            {
                "network": p.compute_url("global/networks/prod-vpc"),
                "subnetwork": p.compute_url(f"regions/{REGION}/subnetworks/app"),
                "networkIP": "10.10.0.5",
            }
        ],
        "disks": [
            {
                "source": p.compute_url(f"zones/{ZONE}/disks/{name}"),
                "boot": True,
                "diskEncryptionKey": {"sha256": "k2Jm1CwF0U6jkXKG4qv2yfl9+7a0A1qVtTnL0cYd8Zc="},
            }
        ],
        "shieldedInstanceConfig": {
            "enableSecureBoot": True,
            "enableVtpm": True,
            "enableIntegrityMonitoring": True,
        },
        "confidentialInstanceConfig": {"enableConfidentialCompute": True},
        "labels": {"app": name},
        "tags": {"fingerprint": "42WmSpB8rSM="},
    }
    return _asset(p, "compute.googleapis.com/Instance", path, body, data, location=ZONE)


def disk(p: ProjectRef, name: str, data: Mapping[str, Any] | None = None) -> Asset:
    """A boot disk encrypted with a customer-supplied key (only its hash is visible)."""
    path = f"projects/{p.project_id}/zones/{ZONE}/disks/{name}"
    body = {
        "name": name,
        "zone": p.compute_url(f"zones/{ZONE}"),
        "sizeGb": "20",
        "type": p.compute_url(f"zones/{ZONE}/diskTypes/pd-balanced"),
        "users": [p.compute_url(f"zones/{ZONE}/instances/{name}")],
        "diskEncryptionKey": {"sha256": "k2Jm1CwF0U6jkXKG4qv2yfl9+7a0A1qVtTnL0cYd8Zc="},
    }
    return _asset(p, "compute.googleapis.com/Disk", path, body, data, location=ZONE)


# --- logging and monitoring -------------------------------------------------------------


def log_sink(
    p: ProjectRef, name: str, bucket_name: str, data: Mapping[str, Any] | None = None
) -> Asset:
    """A sink exporting every log entry to a bucket."""
    path = f"projects/{p.project_id}/sinks/{name}"
    body = {
        "name": name,
        "destination": f"storage.googleapis.com/{bucket_name}",
        "filter": "",
        "writerIdentity": (
            f"serviceAccount:service-{p.number}@gcp-sa-logging.iam.gserviceaccount.com"
        ),
        "createTime": "2024-02-01T00:00:00Z",
    }
    return _asset(p, "logging.googleapis.com/LogSink", path, body, data)


CIS_LOG_METRICS = {
    "project-ownership-changes": (
        '(protoPayload.serviceName="cloudresourcemanager.googleapis.com") AND (ProjectOwnership '
        "OR projectOwnerInvitee) OR (protoPayload.serviceData.policyDelta.bindingDeltas.action="
        '"REMOVE" AND protoPayload.serviceData.policyDelta.bindingDeltas.role="roles/owner") OR '
        '(protoPayload.serviceData.policyDelta.bindingDeltas.action="ADD" AND '
        'protoPayload.serviceData.policyDelta.bindingDeltas.role="roles/owner")'
    ),
    "audit-config-changes": (
        'protoPayload.methodName="SetIamPolicy" AND '
        "protoPayload.serviceData.policyDelta.auditConfigDeltas:*"
    ),
    "custom-role-changes": (
        'resource.type="iam_role" AND (protoPayload.methodName="google.iam.admin.v1.CreateRole" '
        'OR protoPayload.methodName="google.iam.admin.v1.DeleteRole" OR '
        'protoPayload.methodName="google.iam.admin.v1.UpdateRole")'
    ),
    "firewall-changes": (
        'resource.type="gce_firewall_rule" AND (protoPayload.methodName:"compute.firewalls.patch" '
        'OR protoPayload.methodName:"compute.firewalls.insert" OR '
        'protoPayload.methodName:"compute.firewalls.delete")'
    ),
    "route-changes": (
        'resource.type="gce_route" AND (protoPayload.methodName:"compute.routes.delete" OR '
        'protoPayload.methodName:"compute.routes.insert")'
    ),
    "network-changes": (
        'resource.type="gce_network" AND (protoPayload.methodName:"compute.networks.insert" OR '
        'protoPayload.methodName:"compute.networks.patch" OR '
        'protoPayload.methodName:"compute.networks.delete" OR '
        'protoPayload.methodName:"compute.networks.removePeering" OR '
        'protoPayload.methodName:"compute.networks.addPeering")'
    ),
    "storage-iam-changes": (
        'resource.type="gcs_bucket" AND protoPayload.methodName="storage.setIamPermissions"'
    ),
    "sql-config-changes": 'protoPayload.methodName="cloudsql.instances.update"',
}
"""The log-based metric filters CIS GCP 2.4 to 2.11 give, by a metric name of ours."""


def log_metric(p: ProjectRef, name: str, log_filter: str) -> Asset:
    path = f"projects/{p.project_id}/metrics/{name}"
    body = {
        "name": name,
        "filter": log_filter,
        "metricDescriptor": {"metricKind": "DELTA", "valueType": "INT64", "unit": "1"},
    }
    return _asset(p, "logging.googleapis.com/LogMetric", path, body, None)


def alert_policy(
    p: ProjectRef, policy_id: str, metric: str, data: Mapping[str, Any] | None = None
) -> Asset:
    """An enabled alert policy on the log-based metric ``metric``."""
    path = f"projects/{p.project_id}/alertPolicies/{policy_id}"
    body = {
        "name": path,
        "displayName": f"{metric} changed",
        "enabled": True,
        "combiner": "OR",
        "conditions": [
            {
                "displayName": f"{metric} count > 0",
                "conditionThreshold": {
                    "filter": (
                        'resource.type = "global" AND '
                        f'metric.type = "logging.googleapis.com/user/{metric}"'
                    ),
                    "comparison": "COMPARISON_GT",
                    "thresholdValue": 0,
                    "duration": "0s",
                },
            }
        ],
        "notificationChannels": [f"projects/{p.project_id}/notificationChannels/1"],
    }
    return _asset(p, "monitoring.googleapis.com/AlertPolicy", path, body, data)


# --- databases and analytics ------------------------------------------------------------

COMPLIANT_FLAGS = {
    "POSTGRES": [
        ("log_connections", "on"),
        ("log_disconnections", "on"),
        ("log_statement", "ddl"),
        ("cloudsql.enable_pgaudit", "on"),
        ("log_error_verbosity", "default"),
    ],
    "MYSQL": [("skip_show_database", "on"), ("local_infile", "off")],
    "SQLSERVER": [("remote access", "off"), ("3625", "on"), ("external scripts enabled", "off")],
}
VERSIONS = {"POSTGRES": "POSTGRES_16", "MYSQL": "MYSQL_8_0", "SQLSERVER": "SQLSERVER_2022_STANDARD"}


def sql_instance(
    p: ProjectRef, name: str, engine: str = "POSTGRES", data: Mapping[str, Any] | None = None
) -> Asset:
    """A private-IP instance requiring TLS, with backups and the engine's CIS flags. It
    also carries its server CA certificate, which normalization must drop."""
    path = f"projects/{p.project_id}/instances/{name}"
    body = {
        "name": name,
        "project": p.project_id,
        "databaseVersion": VERSIONS[engine],
        "region": REGION,
        "instanceType": "CLOUD_SQL_INSTANCE",
        "state": "RUNNABLE",
        "settings": {
            "tier": "db-custom-2-7680",
            "ipConfiguration": {
                "ipv4Enabled": False,
                "privateNetwork": f"projects/{p.project_id}/global/networks/prod-vpc",
                "requireSsl": True,
                "sslMode": "ENCRYPTED_ONLY",
                "authorizedNetworks": [],
            },
            "backupConfiguration": {"enabled": True, "pointInTimeRecoveryEnabled": True},
            "databaseFlags": [{"name": n, "value": v} for n, v in COMPLIANT_FLAGS[engine]],
            "userLabels": {"team": "data"},
        },
        "ipAddresses": [{"type": "PRIVATE", "ipAddress": "10.20.0.5"}],
        "serverCaCert": {"cert": "-----BEGIN CERTIFICATE-----\nMIIC...\n-----END CERTIFICATE-----"},
    }
    return _asset(p, "sqladmin.googleapis.com/Instance", path, body, data, location=REGION)


def _kms(p: ProjectRef, key: str = "analytics") -> str:
    return f"projects/{p.project_id}/locations/us/keyRings/data/cryptoKeys/{key}"


def bigquery_dataset(
    p: ProjectRef,
    dataset_id: str,
    data: Mapping[str, Any] | None = None,
    *,
    iam_policy: Mapping[str, Any] | None = None,
) -> Asset:
    """A private dataset with a default customer-managed key."""
    path = f"projects/{p.project_id}/datasets/{dataset_id}"
    body = {
        "datasetReference": {"projectId": p.project_id, "datasetId": dataset_id},
        "location": "US",
        "defaultEncryptionConfiguration": {"kmsKeyName": _kms(p)},
        "access": [
            {"role": "OWNER", "specialGroup": "projectOwners"},
            {"role": "READER", "groupByEmail": "analysts@example.com"},
        ],
    }
    return _asset(
        p,
        "bigquery.googleapis.com/Dataset",
        path,
        body,
        data,
        location="us",
        iam_policy=iam_policy if iam_policy is not None else policy(),
    )


def bigquery_table(
    p: ProjectRef, dataset_id: str, table_id: str, data: Mapping[str, Any] | None = None
) -> Asset:
    """A table encrypted with a customer-managed key."""
    path = f"projects/{p.project_id}/datasets/{dataset_id}/tables/{table_id}"
    body = {
        "tableReference": {"projectId": p.project_id, "datasetId": dataset_id, "tableId": table_id},
        "type": "TABLE",
        "encryptionConfiguration": {"kmsKeyName": _kms(p)},
    }
    return _asset(p, "bigquery.googleapis.com/Table", path, body, data, location="us")


def dataproc_cluster(p: ProjectRef, name: str, data: Mapping[str, Any] | None = None) -> Asset:
    """A cluster whose disks use a customer-managed key."""
    path = f"projects/{p.project_id}/regions/{REGION}/clusters/{name}"
    body = {
        "clusterName": name,
        "projectId": p.project_id,
        "config": {"encryptionConfig": {"gcePdKmsKeyName": _kms(p, "dataproc")}},
        "status": {"state": "RUNNING"},
    }
    return _asset(p, "dataproc.googleapis.com/Cluster", path, body, data, location=REGION)
