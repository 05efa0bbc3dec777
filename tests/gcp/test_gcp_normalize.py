"""Normalizers: Asset Inventory JSON in, schema-valid google_* documents out, with the
quirks of the wire format handled and secrets left behind."""

from __future__ import annotations

from typing import Any

import pytest

from cspm_opa.normalize.gcp import NORMALIZERS, normalize_asset
from cspm_opa.normalize.gcp._common import compute_path, duration_seconds, region_of
from cspm_opa.schemas import default_store
from cspm_opa.testing import gcp_assets as a
from cspm_opa.testing.gcp_assets import ProjectRef

P = ProjectRef("norm-proj", "123", ("organizations/1",))
KEY = "projects/x/locations/us/keyRings/r/cryptoKeys/k"


def _valid(doc: dict[str, Any]) -> dict[str, Any]:
    issues = list(default_store().issues(f"resources/{doc['type']}.json", doc))
    assert issues == [], issues
    return doc


def _doc(asset: dict[str, Any]) -> dict[str, Any]:
    doc = normalize_asset(asset)
    assert doc is not None
    return _valid(doc)


FACTORIES = {
    "apikeys.googleapis.com/Key": lambda: a.api_key(P, "u", "web"),
    "iam.googleapis.com/ServiceAccount": lambda: a.service_account(P, "ci", "9"),
    "cloudkms.googleapis.com/CryptoKey": lambda: a.crypto_key(P, "ring", "k"),
    "storage.googleapis.com/Bucket": lambda: a.bucket(P, "b"),
    "compute.googleapis.com/Instance": lambda: a.instance(P, "vm"),
    "compute.googleapis.com/Disk": lambda: a.disk(P, "vm"),
    "compute.googleapis.com/BackendService": lambda: a.backend_service(P, "web"),
    "compute.googleapis.com/Network": lambda: a.network(P, "vpc"),
    "compute.googleapis.com/Subnetwork": lambda: a.subnetwork(P, "s", "vpc"),
    "compute.googleapis.com/Firewall": lambda: a.firewall(P, "fw", "vpc"),
    "dns.googleapis.com/ManagedZone": lambda: a.managed_zone(P, "z"),
    "dns.googleapis.com/Policy": lambda: a.dns_policy(P, "d", ["vpc"]),
    "logging.googleapis.com/LogSink": lambda: a.log_sink(P, "s", "b"),
    "logging.googleapis.com/LogMetric": lambda: a.log_metric(P, "m", "severity>=ERROR"),
    "monitoring.googleapis.com/AlertPolicy": lambda: a.alert_policy(P, "1", "m"),
    "sqladmin.googleapis.com/Instance": lambda: a.sql_instance(P, "db"),
    "bigquery.googleapis.com/Dataset": lambda: a.bigquery_dataset(P, "ds"),
    "bigquery.googleapis.com/Table": lambda: a.bigquery_table(P, "ds", "t"),
    "dataproc.googleapis.com/Cluster": lambda: a.dataproc_cluster(P, "c"),
}


def test_every_normalizer_has_a_factory() -> None:
    assert set(FACTORIES) == set(NORMALIZERS)


@pytest.mark.parametrize("asset_type", sorted(FACTORIES))
def test_compliant_asset_normalizes_to_a_valid_document(asset_type: str) -> None:
    asset = FACTORIES[asset_type]()
    doc = _doc(asset)
    assert doc["id"] == asset["name"]


def test_contributing_types_are_not_documents_of_their_own() -> None:
    assert normalize_asset(a.service(P, "x.googleapis.com")) is None
    assert normalize_asset(a.compute_project(P)) is None


def test_instance_keeps_security_switches_and_drops_other_metadata() -> None:
    asset = a.instance(
        P,
        "vm",
        {
            "metadata": {
                "items": [
                    {"key": "serial-port-enable", "value": "1"},
                    {
                        "key": "startup-script",
                        "value": "curl -H 'Authorization: Bearer s3cr3t' ...",
                    },
                    {"key": "ssh-keys", "value": "me:ssh-rsa AAAA me"},
                ]
            },
            "networkInterfaces": [
                {
                    "network": "https://compute.googleapis.com/compute/beta/projects/norm-proj/global/networks/vpc",
                    "accessConfigs": [{"type": "ONE_TO_ONE_NAT", "natIP": "34.1.2.3"}],
                }
            ],
        },
    )
    doc = _doc(asset)
    assert doc["config"]["metadata"] == {
        "block_project_ssh_keys": None,
        "serial_port_enable": True,
        "enable_oslogin": None,
    }
    assert "s3cr3t" not in repr(doc) and "ssh-rsa" not in repr(doc)
    (nic,) = doc["config"]["network_interfaces"]
    assert nic == {
        "network": "projects/norm-proj/global/networks/vpc",
        "subnetwork": None,
        "external_ipv4": True,
        "external_ipv6": False,
    }
    assert doc["region"] == "us-central1" and doc["config"]["zone"] == "us-central1-a"
    assert doc["config"]["disks"][0]["encryption"] == "CSEK"


def test_disk_encryption_kinds() -> None:
    assert _doc(a.disk(P, "d"))["config"]["encryption"] == "CSEK"
    assert _doc(a.disk(P, "d", {"diskEncryptionKey": None}))["config"]["encryption"] == "GOOGLE"
    cmek = _doc(
        a.disk(
            P,
            "d",
            {"diskEncryptionKey": {"kmsKeyName": f"{KEY}/cryptoKeyVersions/3"}},
        )
    )
    assert (cmek["config"]["encryption"], cmek["config"]["kms_key_name"]) == (
        "CMEK",
        KEY,
    )


def test_struct_floats_and_int64_strings_become_ints() -> None:
    key = _doc(a.crypto_key(P, "r", "k"))
    assert key["config"]["rotation_period_seconds"] == 7776000
    bucket = _doc(
        a.bucket(P, "b", {"retentionPolicy": {"retentionPeriod": "86400", "isLocked": True}})
    )
    assert bucket["config"]["retention_policy"] == {
        "retention_period_seconds": 86400,
        "is_locked": True,
    }
    firewall = _doc(a.firewall(P, "f", "vpc", {"priority": 65534.0}))
    assert firewall["config"]["priority"] == 65534


def test_flow_log_defaults_are_filled_in() -> None:
    doc = _doc(
        a.subnetwork(
            P,
            "s",
            "vpc",
            {
                "logConfig": {
                    "enable": True,
                    "aggregationInterval": None,
                    "flowSampling": None,
                    "metadata": None,
                }
            },
        )
    )
    assert doc["config"]["log_config"] == {
        "enable": True,
        "aggregation_interval": "INTERVAL_5_SEC",
        "flow_sampling": 0.5,
        "metadata": "INCLUDE_ALL_METADATA",
        "filter_expr": None,
    }
    legacy = _doc(a.subnetwork(P, "s", "vpc", {"logConfig": None, "enableFlowLogs": False}))
    assert legacy["config"]["log_config"]["enable"] is False


def test_legacy_network() -> None:
    doc = _doc(a.network(P, "old", {"IPv4Range": "10.240.0.0/16", "autoCreateSubnetworks": None}))
    assert (doc["config"]["legacy"], doc["config"]["auto_create_subnetworks"]) == (True, None)


def test_sql_instance_engine_and_no_certificate() -> None:
    doc = _doc(a.sql_instance(P, "db", "SQLSERVER"))
    assert doc["config"]["engine"] == "SQLSERVER"
    assert doc["id"] == "//cloudsql.googleapis.com/projects/norm-proj/instances/db"
    assert "CERTIFICATE" not in repr(doc)


def test_bigquery_access_members_use_iam_spelling() -> None:
    doc = _doc(
        a.bigquery_dataset(
            P,
            "ds",
            {
                "access": [
                    {"role": "READER", "specialGroup": "allAuthenticatedUsers"},
                    {"role": "READER", "iamMember": "allUsers"},
                    {"role": "WRITER", "userByEmail": "a@example.com"},
                    {"role": "OWNER", "specialGroup": "projectOwners"},
                    {"view": {"projectId": "p", "datasetId": "d", "tableId": "v"}},
                ]
            },
        )
    )
    assert [e["member"] for e in doc["config"]["access"]] == [
        "allAuthenticatedUsers",
        "allUsers",
        "user:a@example.com",
        "specialGroup:projectOwners",
        "view:p.d.v",
    ]


def test_api_key_restrictions() -> None:
    doc = _doc(a.api_key(P, "u", "k"))
    assert (doc["config"]["application_restriction"], doc["config"]["api_targets"]) == (
        "server",
        ["maps-backend.googleapis.com"],
    )
    bare = _doc(a.api_key(P, "u", "k", {"restrictions": None}))
    assert (bare["config"]["application_restriction"], bare["config"]["api_targets"]) == (None, [])


def test_alert_policy_filters() -> None:
    doc = _doc(a.alert_policy(P, "7", "owners", {"enabled": {"value": False}}))
    assert doc["config"]["enabled"] is False
    assert doc["config"]["condition_filters"] == [
        'resource.type = "global" AND metric.type = "logging.googleapis.com/user/owners"'
    ]


@pytest.mark.parametrize(
    ("location", "region"),
    [
        ("us-central1-a", "us-central1"),
        ("europe-west4", "europe-west4"),
        ("US", "us"),
        (None, "global"),
        ("", "global"),
    ],
)
def test_region_of(location: str | None, region: str) -> None:
    assert region_of(location) == region


def test_small_helpers() -> None:
    assert (
        compute_path("https://www.googleapis.com/compute/v1/projects/p/global/networks/n")
        == "projects/p/global/networks/n"
    )
    assert compute_path("projects/p/regions/r") == "projects/p/regions/r"
    assert duration_seconds("7776000s") == 7776000
    assert duration_seconds("1.5s") == 1
    assert duration_seconds(None) is None
    assert duration_seconds("90d") is None


def test_instance_network_tags_come_from_tags_items() -> None:
    tagged = _doc(a.instance(P, "vm", {"tags": {"items": ["bastion", "web"]}}))
    assert tagged["config"]["network_tags"] == ["bastion", "web"]
    # the API sends only a fingerprint when an instance has no tags
    assert _doc(a.instance(P, "vm"))["config"]["network_tags"] == []
    bare = a.instance(P, "vm")
    del bare["resource"]["data"]["tags"]
    assert _doc(bare)["config"]["network_tags"] == []
