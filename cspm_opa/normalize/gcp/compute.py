"""Compute Engine: VM instances, persistent disks and backend services.

Instance metadata is where people put startup scripts, SSH keys and, too often,
credentials; only the three switches the checks read survive normalization.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cspm_opa.normalize.gcp._common import (
    Asset,
    Document,
    as_bool,
    as_int,
    compute_path,
    data_of,
    document,
    last_segment,
    region_of,
    strings,
)

__all__ = ["backend_service", "disk", "instance"]

# Metadata keys kept (as booleans); every other key and value is dropped.
_METADATA_SWITCHES = {
    "block-project-ssh-keys": "block_project_ssh_keys",
    "serial-port-enable": "serial_port_enable",
    "enable-oslogin": "enable_oslogin",
}
_GKE_LABEL = "goog-gke-node"


def metadata_items(metadata: Mapping[str, Any] | None) -> dict[str, Any]:
    """Compute metadata ``{"items": [{"key", "value"}]}`` as a dict."""
    return {str(item.get("key")): item.get("value") for item in (metadata or {}).get("items") or ()}


def _encryption(key: Mapping[str, Any] | None) -> tuple[str, str | None]:
    """Which kind of key protects a disk: a customer-supplied key shows only as its
    hash (sha256) or a wrapped key; a Cloud KMS key by name; neither means Google's."""
    key = key or {}
    if key.get("kmsKeyName"):
        return "CMEK", str(key["kmsKeyName"]).split("/cryptoKeyVersions/")[0]
    if key.get("sha256") or key.get("rsaEncryptedKey") or key.get("rawKey"):
        return "CSEK", None
    return "GOOGLE", None


def instance(asset: Asset) -> Document:
    data = data_of(asset)
    items = metadata_items(data.get("metadata"))
    metadata = {field: as_bool(items.get(key)) for key, field in _METADATA_SWITCHES.items()}
    shielded = data.get("shieldedInstanceConfig")
    zone = last_segment(data.get("zone") or (asset.get("resource") or {}).get("location"))
    labels = data.get("labels") or {}
    config = {
        "zone": zone,
        "status": str(data.get("status", "")),
        "machine_type": last_segment(data.get("machineType")),
        "can_ip_forward": bool(data.get("canIpForward", False)),
        "created_by_gke": _GKE_LABEL in labels or "cluster-name" in items,
        "service_accounts": [
            {"email": str(sa.get("email", "")), "scopes": strings(sa.get("scopes"))}
            for sa in data.get("serviceAccounts") or ()
        ],
        "metadata": metadata,
        "network_tags": strings((data.get("tags") or {}).get("items")),
        "network_interfaces": [
            {
                "network": compute_path(nic.get("network")),
                "subnetwork": compute_path(nic.get("subnetwork")) or None,
                "external_ipv4": bool(nic.get("accessConfigs")),
                "external_ipv6": any(
                    c.get("type") == "DIRECT_IPV6" for c in nic.get("ipv6AccessConfigs") or ()
                ),
            }
            for nic in data.get("networkInterfaces") or ()
        ],
        "shielded_instance_config": (
            {
                "secure_boot": bool(shielded.get("enableSecureBoot", False)),
                "vtpm": bool(shielded.get("enableVtpm", False)),
                "integrity_monitoring": bool(shielded.get("enableIntegrityMonitoring", False)),
            }
            if shielded is not None
            else None
        ),
        "confidential_compute": bool(
            (data.get("confidentialInstanceConfig") or {}).get("enableConfidentialCompute", False)
        ),
        "disks": [
            {
                "source": compute_path(d.get("source")),
                "boot": bool(d.get("boot", False)),
                "encryption": _encryption(d.get("diskEncryptionKey"))[0],
            }
            for d in data.get("disks") or ()
        ],
    }
    return document(asset, "google_compute_instance", config, region=region_of(zone))


def disk(asset: Asset) -> Document:
    data = data_of(asset)
    kind, kms_key = _encryption(data.get("diskEncryptionKey"))
    zone = last_segment(data.get("zone") or data.get("region"))
    config = {
        "zone": zone,
        "size_gb": as_int(data.get("sizeGb")) or 0,
        "disk_type": last_segment(data.get("type")),
        "encryption": kind,
        "kms_key_name": kms_key,
        "users": [compute_path(u) for u in data.get("users") or ()],
    }
    return document(asset, "google_compute_disk", config, region=region_of(zone))


def backend_service(asset: Asset) -> Document:
    data = data_of(asset)
    log = data.get("logConfig")
    config = {
        "protocol": str(data.get("protocol", "HTTP")),
        "load_balancing_scheme": str(data.get("loadBalancingScheme", "EXTERNAL")),
        "log_config": (
            {
                "enable": bool(log.get("enable", False)),
                "sample_rate": float(log.get("sampleRate", 1.0)),
            }
            if log is not None
            else None
        ),
    }
    region = last_segment(data.get("region")) if data.get("region") else "global"
    return document(asset, "google_compute_backend_service", config, region=region)
