"""Virtual machines and managed disks. OS profile secrets (admin passwords, custom
data) are never returned by list calls and are never copied."""

from __future__ import annotations

from typing import Any

from cspm_opa.normalize.azure._common import (
    Document,
    Raw,
    flag,
    managed_identity,
    props,
    resource,
)

__all__ = ["managed_disk", "virtual_machine"]


def virtual_machine(raw: Raw) -> Document:
    """An ``azurerm_virtual_machine``."""
    p = props(raw)
    storage = p.get("storageProfile") or {}
    os_disk = storage.get("osDisk") or {}
    data_disks = storage.get("dataDisks") or ()
    security = p.get("securityProfile") or {}
    managed = os_disk.get("managedDisk") or {}
    config: dict[str, Any] = {
        "vm_size": (p.get("hardwareProfile") or {}).get("vmSize"),
        "os_type": os_disk.get("osType"),
        "os_disk_managed": "vhd" not in os_disk,
        "os_disk_id": managed.get("id"),
        "data_disk_ids": [
            str(d["managedDisk"]["id"])
            for d in data_disks
            if (d.get("managedDisk") or {}).get("id")
        ],
        "unmanaged_data_disks": sum(1 for d in data_disks if "vhd" in d),
        "encryption_at_host": flag(security.get("encryptionAtHost"), False),
        "security_type": security.get("securityType"),
        "identity": managed_identity(raw.get("identity")),
        "network_interface_ids": [
            str(nic["id"])
            for nic in (p.get("networkProfile") or {}).get("networkInterfaces") or ()
            if nic.get("id")
        ],
    }
    return resource("azurerm_virtual_machine", raw, config)


def managed_disk(raw: Raw) -> Document:
    """An ``azurerm_managed_disk``; unset policies take the API defaults (AllowAll,
    Enabled, platform keys)."""
    p = props(raw)
    encryption = p.get("encryption") or {}
    config = {
        "disk_state": p.get("diskState"),
        "managed_by": raw.get("managedBy"),
        "encryption_type": str(encryption.get("type") or "EncryptionAtRestWithPlatformKey"),
        "disk_encryption_set_id": encryption.get("diskEncryptionSetId"),
        "network_access_policy": str(p.get("networkAccessPolicy") or "AllowAll"),
        "public_network_access": str(p.get("publicNetworkAccess") or "Enabled"),
    }
    return resource("azurerm_managed_disk", raw, config)
