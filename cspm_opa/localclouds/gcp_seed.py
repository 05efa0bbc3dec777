"""The GCP demo estate: what :func:`~cspm_opa.localclouds.gcp_demo.gcp_demo_cloud` serves.

Two projects in folder 5001 of organization 9001:

- ``acme-prod-gcp`` holds a planted issue for every check of the GCP pack, each on a
  resource of its own, next to a compliant twin of the same kind; the project itself
  fails every project-level check.
- ``acme-shared-gcp`` is the compliant twin for the project-level checks. Its Dataproc
  listing answers 403, so the demo shows UNKNOWN results and a coverage gap.

:func:`seed_demo` loads the fake and returns the :class:`Expectation` list: every
planted FAIL and UNKNOWN. Any other result in these projects must be PASS.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from cspm_opa.testing import gcp_assets as a
from cspm_opa.testing.gcp_assets import CIS_LOG_METRICS, ProjectRef, policy

if TYPE_CHECKING:
    from cspm_opa.localclouds.gcp_cloud import FakeGcp

__all__ = ["ORGANIZATION", "PROD", "SHARED", "Expectation", "seed_demo"]

ORGANIZATION = "organizations/9001"
FOLDER = "folders/5001"
PROD = ProjectRef("acme-prod-gcp", "314159265358", (FOLDER, ORGANIZATION))
SHARED = ProjectRef("acme-shared-gcp", "271828182845", (FOLDER, ORGANIZATION))
DENIED_IN_SHARED = "dataproc.googleapis.com/Cluster"
BASTION_SA = "bastion"
"""The service account the planted PATH-GCP-001 instance runs as: roles/editor."""


@dataclass(frozen=True)
class Expectation:
    """A result the demo must produce: ``status`` of ``policy_id`` on ``resource_id``."""

    project_id: str
    policy_id: str
    resource_id: str
    status: str = "FAIL"


class _Planter:
    def __init__(self, project: ProjectRef):
        self.p = project
        self.assets: list[dict[str, Any]] = []
        self.expected: list[Expectation] = []

    def add(self, asset: dict[str, Any], *fails: str) -> dict[str, Any]:
        self.assets.append(asset)
        self.expected.extend(Expectation(self.p.project_id, pid, _rid(asset)) for pid in fails)
        return asset

    def fail_project(self, *policy_ids: str) -> None:
        rid = self.p.crm_name
        self.expected.extend(Expectation(self.p.project_id, pid, rid) for pid in policy_ids)


def _rid(asset: dict[str, Any]) -> str:
    return str(asset["name"])


def seed_demo(server: FakeGcp, *, now: datetime | None = None) -> list[Expectation]:
    """Register the folder, both projects and their assets with ``server``."""
    now = now or datetime.now(UTC)
    server.add_folder("5001", ORGANIZATION, "production")
    for ref, labels in ((PROD, {"environment": "production"}), (SHARED, {"environment": "shared"})):
        server.add_project(ref.project_id, ref.number, parent=FOLDER, labels=labels)
    prod, shared = _prod(now), _shared()
    server.add_assets(prod.assets + shared.assets)
    server.add_assets([a.contact(PROD, ORGANIZATION, 7, ["BILLING"], "billing@example.com")])
    server.fail(
        403,
        api="assets",
        parent=f"projects/{SHARED.project_id}",
        asset_type=DENIED_IN_SHARED,
        times=None,
    )
    unknown = Expectation(
        SHARED.project_id, "GCP-DATAPROC-001", "google_dataproc_cluster/global/*", "UNKNOWN"
    )
    return [*prod.expected, *shared.expected, unknown]


def _project_level(t: _Planter, *, good: bool) -> None:
    """The project asset, its metadata, services, contacts, sinks, metrics and alerts."""
    p = t.p
    if good:
        t.add(a.crm_project(p))
        t.add(a.compute_project(p))
        for name in (
            "cloudasset.googleapis.com",
            "compute.googleapis.com",
            "containeranalysis.googleapis.com",
            "containerscanning.googleapis.com",
            "logging.googleapis.com",
        ):
            t.add(a.service(p, name))
        t.add(a.contact(p, f"projects/{p.number}", 1, ["ALL"], "secops@example.com"))
        t.add(a.log_sink(p, "all-logs", "acme-shared-audit-logs"))
        t.add(
            a.bucket(
                p,
                "acme-shared-audit-logs",
                {"retentionPolicy": {"retentionPeriod": "31536000", "isLocked": True}},
            )
        )
        for i, metric in enumerate(CIS_LOG_METRICS):
            t.add(a.log_metric(p, metric, CIS_LOG_METRICS[metric]))
            t.add(a.alert_policy(p, str(1000 + i), metric))
        return
    sa = f"serviceAccount:app@{p.project_id}.iam.gserviceaccount.com"
    bastion = f"serviceAccount:{BASTION_SA}@{p.project_id}.iam.gserviceaccount.com"
    t.add(
        a.crm_project(
            p,
            iam_policy=policy(
                ("roles/owner", ["group:platform-admins@example.com"]),
                ("roles/editor", [sa, bastion]),
                ("roles/iam.serviceAccountAdmin", ["user:alice@example.com"]),
                ("roles/iam.serviceAccountUser", ["user:alice@example.com"]),
                ("roles/cloudkms.admin", ["user:carol@example.com"]),
                ("roles/cloudkms.cryptoKeyEncrypterDecrypter", ["user:carol@example.com"]),
                auditConfigs=[
                    {"service": "allServices", "auditLogConfigs": [{"logType": "DATA_WRITE"}]}
                ],
            ),
        )
    )
    t.fail_project(
        "GCP-IAM-002",
        "GCP-IAM-003",
        "GCP-IAM-005",
        "GCP-IAM-006",
        "GCP-IAM-007",
        "GCP-APIKEYS-001",
        "GCP-LOGGING-001",
        "GCP-LOGGING-002",
        *(f"GCP-LOGGING-{n:03d}" for n in range(4, 12)),
        "GCP-LOGGING-013",
        "GCP-COMPUTE-004",
        "GCP-ARTIFACTS-001",
        "GCP-GEMINI-001",
    )
    t.add(a.compute_project(p, {"enable-oslogin": "FALSE"}))
    t.add(a.service(p, "compute.googleapis.com"))
    t.add(a.service(p, "cloudaicompanion.googleapis.com"))
    t.add(a.service(p, "cloudasset.googleapis.com", state="DISABLED"))
    t.add(a.log_sink(p, "errors-only", "acme-prod-audit-logs", {"filter": "severity>=ERROR"}))
    t.add(a.bucket(p, "acme-prod-audit-logs"), "GCP-LOGGING-003")
    metric = "project-ownership-changes"
    t.add(a.log_metric(p, metric, CIS_LOG_METRICS[metric]))
    t.add(a.alert_policy(p, "1", metric, {"enabled": False}))


def _prod(now: datetime) -> _Planter:
    t = _Planter(PROD)
    p = PROD
    _project_level(t, good=False)
    # IAM: a key-holding CI account next to an account with only Google-managed keys.
    ci = t.add(
        a.service_account(p, "legacy-ci", "110000000000000000001"), "GCP-IAM-001", "GCP-IAM-004"
    )
    t.add(
        a.service_account_key(
            ci,
            p,
            "a1b2c3",
            {
                "keyType": "USER_MANAGED",
                "keyOrigin": "GOOGLE_PROVIDED",
                "validAfterTime": a.ago(400, now),
            },
            now=now,
        )
    )
    web = t.add(a.service_account(p, "web", "110000000000000000002"))
    t.add(a.service_account_key(web, p, "d4e5f6", now=now))
    # KMS: a public key that never rotates, and its twin.
    t.add(
        a.crypto_key(
            p,
            "payments",
            "legacy",
            {"rotationPeriod": None, "nextRotationTime": None},
            iam_policy=policy(("roles/cloudkms.cryptoKeyDecrypter", ["allAuthenticatedUsers"])),
            now=now,
        ),
        "GCP-KMS-001",
        "GCP-KMS-002",
    )
    t.add(a.crypto_key(p, "payments", "current", now=now))
    # API keys: an old unrestricted key and a fresh restricted one.
    t.add(
        a.api_key(
            p,
            "k-legacy",
            "maps-browser",
            {"createTime": "2024-01-10T00:00:00Z", "restrictions": None},
            now=now,
        ),
        "GCP-APIKEYS-002",
        "GCP-APIKEYS-003",
    )
    t.add(a.api_key(p, "k-backend", "maps-backend", now=now))
    # Storage: a public bucket with object ACLs, and a private one.
    t.add(
        a.bucket(
            p,
            "acme-prod-public-assets",
            {
                "iamConfiguration": {
                    "uniformBucketLevelAccess": {"enabled": False},
                    "publicAccessPrevention": "inherited",
                },
                "labels": {"data_classification": "confidential"},
            },
            iam_policy=policy(("roles/storage.objectViewer", ["allUsers"])),
        ),
        "GCP-STORAGE-001",
        "GCP-STORAGE-002",
    )
    # ... which is also the planted PATH-GCP-002; the private twin holds the same data.
    t.add(a.bucket(p, "acme-prod-private", {"labels": {"data_classification": "confidential"}}))
    _network(t)
    _compute(t)
    _databases(t)
    return t


def _network(t: _Planter) -> None:
    p = t.p
    t.add(
        a.network(p, "default", {"autoCreateSubnetworks": True}), "GCP-VPC-001", "GCP-LOGGING-012"
    )
    t.add(
        a.network(
            p,
            "legacy-net",
            {
                "IPv4Range": "10.240.0.0/16",
                "gatewayIPv4": "10.240.0.1",
                "autoCreateSubnetworks": None,
            },
        ),
        "GCP-VPC-002",
        "GCP-LOGGING-012",
    )
    t.add(a.network(p, "prod-vpc"))
    t.add(a.dns_policy(p, "prod-dns-logging", ["prod-vpc"]))
    t.add(
        a.subnetwork(
            p, "default-us-central1", "default", {"logConfig": None, "ipCidrRange": "10.128.0.0/20"}
        ),
        "GCP-VPC-005",
    )
    t.add(a.subnetwork(p, "app", "prod-vpc"))
    t.add(
        a.subnetwork(
            p,
            "proxy-only",
            "prod-vpc",
            {
                "purpose": "REGIONAL_MANAGED_PROXY",
                "logConfig": None,
                "ipCidrRange": "10.129.0.0/23",
            },
        )
    )
    ssh = {"sourceRanges": ["0.0.0.0/0"], "allowed": [{"IPProtocol": "tcp", "ports": ["22"]}]}
    t.add(a.firewall(p, "default-allow-ssh", "default", ssh), "GCP-VPC-003")
    t.add(
        a.firewall(
            p,
            "default-allow-rdp",
            "default",
            {"allowed": [{"IPProtocol": "tcp", "ports": ["3389"]}]},
        ),
        "GCP-VPC-004",
    )
    t.add(a.firewall(p, "allow-iap-ssh", "prod-vpc", {**ssh, "sourceRanges": ["35.235.240.0/20"]}))
    t.add(a.firewall(p, "allow-https", "prod-vpc"))
    t.add(a.managed_zone(p, "acme-public", {"dnssecConfig": {"state": "off"}}), "GCP-DNS-001")
    rsasha1 = [
        {"keyType": "keySigning", "algorithm": "rsasha1", "keyLength": 2048.0},
        {"keyType": "zoneSigning", "algorithm": "rsasha1", "keyLength": 1024.0},
    ]
    t.add(
        a.managed_zone(p, "acme-legacy-signed", {"dnssecConfig": {"defaultKeySpecs": rsasha1}}),
        "GCP-DNS-002",
        "GCP-DNS-003",
    )
    t.add(a.managed_zone(p, "acme-secure"))
    t.add(a.managed_zone(p, "internal", {"visibility": "private", "dnssecConfig": None}))
    t.add(a.backend_service(p, "web-backend", {"logConfig": {"enable": False}}), "GCP-LOGGING-014")
    t.add(a.backend_service(p, "api-backend"))
    t.add(
        a.backend_service(
            p,
            "tcp-backend",
            {"protocol": "TCP", "loadBalancingScheme": "EXTERNAL", "logConfig": None},
        )
    )


def _compute(t: _Planter) -> None:
    p = t.p
    default_sa = f"{p.number}-compute@developer.gserviceaccount.com"
    t.add(
        a.instance(
            p,
            "legacy-vm",
            {
                "canIpForward": True,
                "serviceAccounts": [{"email": default_sa, "scopes": [a.CLOUD_PLATFORM]}],
                "metadata": {
                    "items": [
                        {"key": "serial-port-enable", "value": "true"},
                        {"key": "enable-oslogin", "value": "FALSE"},
                        {"key": "ssh-keys", "value": "root:ssh-rsa AAAAB3Nza... root"},
                    ]
                },
                "networkInterfaces": [
                    {
                        "network": p.compute_url("global/networks/default"),
                        "subnetwork": p.compute_url(
                            "regions/us-central1/subnetworks/default-us-central1"
                        ),
                        "accessConfigs": [
                            {
                                "type": "ONE_TO_ONE_NAT",
                                "name": "External NAT",
                                "natIP": "34.66.10.20",
                            }
                        ],
                    }
                ],
                "disks": [
                    {"source": p.compute_url("zones/us-central1-a/disks/legacy-vm"), "boot": True}
                ],
                "shieldedInstanceConfig": None,
                "confidentialInstanceConfig": None,
            },
        ),
        *(f"GCP-COMPUTE-{n:03d}" for n in (1, 2, 3, 5, 6, 8, 9, 10)),
    )
    t.add(a.instance(p, "web-1"))
    gke_node = {
        "labels": {"goog-gke-node": ""},
        "serviceAccounts": [{"email": default_sa, "scopes": [a.CLOUD_PLATFORM]}],
        "canIpForward": True,
        "metadata": {"items": [{"key": "cluster-name", "value": "prod"}]},
        "networkInterfaces": [
            {
                "network": p.compute_url("global/networks/prod-vpc"),
                "accessConfigs": [{"type": "ONE_TO_ONE_NAT"}],
            }
        ],
    }
    t.add(a.instance(p, "gke-prod-pool-1-abcd", gke_node))
    _bastions(t)
    t.add(a.disk(p, "legacy-vm", {"diskEncryptionKey": None}), "GCP-COMPUTE-007")
    t.add(a.disk(p, "web-1"))


def _bastions(t: _Planter) -> None:
    """PATH-GCP-001: an instance with an external IP, tagged for a firewall rule that
    admits SSH from anywhere, running as an editor of the project with the
    cloud-platform scope. Its twin has the same address, tag and account, but access
    scopes that keep the account's roles out of reach."""
    p = t.p
    t.add(a.service_account(p, BASTION_SA, "110000000000000000003"))
    ssh = {
        "sourceRanges": ["0.0.0.0/0"],
        "allowed": [{"IPProtocol": "tcp", "ports": ["22"]}],
        "targetTags": ["bastion"],
    }
    t.add(a.firewall(p, "allow-ssh-bastion", "prod-vpc", ssh), "GCP-VPC-003")
    email = f"{BASTION_SA}@{p.project_id}.iam.gserviceaccount.com"
    for name, address, scopes in (
        ("bastion-1", "34.66.10.30", [a.CLOUD_PLATFORM]),
        ("bastion-2", "34.66.10.31", ["https://www.googleapis.com/auth/logging.write"]),
    ):
        t.add(
            a.instance(
                p,
                name,
                {
                    "serviceAccounts": [{"email": email, "scopes": scopes}],
                    "tags": {"items": ["bastion"], "fingerprint": "Xx9Sxzqy5Pk="},
                    "networkInterfaces": [
                        {
                            "network": p.compute_url("global/networks/prod-vpc"),
                            "subnetwork": p.compute_url("regions/us-central1/subnetworks/app"),
                            "networkIP": "10.10.0.9",
                            "accessConfigs": [
                                {"type": "ONE_TO_ONE_NAT", "name": "External NAT", "natIP": address}
                            ],
                        }
                    ],
                },
            ),
            "GCP-COMPUTE-009",
        )


def _databases(t: _Planter) -> None:
    p = t.p
    open_pg = {
        "settings": {
            "ipConfiguration": {
                "ipv4Enabled": True,
                "requireSsl": False,
                "sslMode": "ALLOW_UNENCRYPTED_AND_ENCRYPTED",
                "authorizedNetworks": [{"name": "anywhere", "value": "0.0.0.0/0"}],
            },
            "backupConfiguration": {"enabled": False},
            "databaseFlags": [
                {"name": "log_error_verbosity", "value": "verbose"},
                {"name": "log_statement", "value": "none"},
                {"name": "log_min_messages", "value": "debug1"},
                {"name": "log_min_error_statement", "value": "notice"},
                {"name": "log_min_duration_statement", "value": "0"},
            ],
        },
        "ipAddresses": [{"type": "PRIMARY", "ipAddress": "35.192.0.10"}],
    }
    t.add(
        a.sql_instance(p, "orders-pg", "POSTGRES", open_pg),
        *(f"GCP-SQL-{n:03d}" for n in (1, 2, 3, 4, *range(7, 15))),
    )
    t.add(a.sql_instance(p, "orders-pg-secure", "POSTGRES"))
    t.add(
        a.sql_instance(
            p,
            "crm-mysql",
            "MYSQL",
            {"settings": {"databaseFlags": [{"name": "local_infile", "value": "on"}]}},
        ),
        "GCP-SQL-005",
        "GCP-SQL-006",
    )
    t.add(a.sql_instance(p, "crm-mysql-secure", "MYSQL"))
    sqlserver_flags = [
        {"name": "external scripts enabled", "value": "on"},
        {"name": "cross db ownership chaining", "value": "on"},
        {"name": "user connections", "value": "50"},
        {"name": "user options", "value": "32"},
        {"name": "contained database authentication", "value": "on"},
    ]
    t.add(
        a.sql_instance(
            p, "erp-sqlserver", "SQLSERVER", {"settings": {"databaseFlags": sqlserver_flags}}
        ),
        *(f"GCP-SQL-{n:03d}" for n in range(15, 22)),
    )
    t.add(a.sql_instance(p, "erp-sqlserver-secure", "SQLSERVER"))
    t.add(
        a.bigquery_dataset(
            p,
            "public_reports",
            {
                "defaultEncryptionConfiguration": None,
                "access": [{"role": "READER", "specialGroup": "allAuthenticatedUsers"}],
            },
        ),
        "GCP-BIGQUERY-001",
        "GCP-BIGQUERY-003",
    )
    t.add(a.bigquery_dataset(p, "finance"))
    t.add(
        a.bigquery_table(p, "public_reports", "daily", {"encryptionConfiguration": None}),
        "GCP-BIGQUERY-002",
    )
    t.add(a.bigquery_table(p, "finance", "ledger"))
    t.add(
        a.bigquery_table(
            p, "finance", "ledger_view", {"type": "VIEW", "encryptionConfiguration": None}
        )
    )
    t.add(
        a.dataproc_cluster(p, "etl-legacy", {"config": {"encryptionConfig": None}}),
        "GCP-DATAPROC-001",
    )
    t.add(a.dataproc_cluster(p, "etl"))


def _shared() -> _Planter:
    t = _Planter(SHARED)
    _project_level(t, good=True)
    t.add(a.dataproc_cluster(SHARED, "shared-etl"))
    return t
