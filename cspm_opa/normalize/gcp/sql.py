"""Cloud SQL instances.

The Admin API's DatabaseInstance also carries the server CA certificate and, for
replicas, replication credentials; the normalizer copies named fields only.
"""

from __future__ import annotations

from cspm_opa.normalize.gcp._common import Asset, Document, data_of, document

__all__ = ["sql_instance"]

_ENGINES = ("MYSQL", "POSTGRES", "SQLSERVER")


def engine_of(database_version: str) -> str:
    """``POSTGRES_16`` -> ``POSTGRES``; unknown versions keep their prefix."""
    head = database_version.split("_", 1)[0].upper()
    return head if head in _ENGINES else head or "UNKNOWN"


def sql_instance(asset: Asset) -> Document:
    data = data_of(asset)
    settings = data.get("settings") or {}
    ip = settings.get("ipConfiguration") or {}
    version = str(data.get("databaseVersion", ""))
    config = {
        "database_version": version,
        "engine": engine_of(version),
        "instance_type": str(data.get("instanceType") or "CLOUD_SQL_INSTANCE"),
        "state": str(data.get("state", "")),
        "ip_configuration": {
            "ipv4_enabled": bool(ip.get("ipv4Enabled", False)),
            "require_ssl": bool(ip.get("requireSsl", False)),
            "ssl_mode": ip.get("sslMode"),
            "private_network": ip.get("privateNetwork"),
            "authorized_networks": [
                {"name": str(n.get("name", "")), "value": str(n.get("value", ""))}
                for n in ip.get("authorizedNetworks") or ()
            ],
        },
        "ip_addresses": [
            {"type": str(a.get("type", "")), "ip_address": str(a.get("ipAddress", ""))}
            for a in data.get("ipAddresses") or ()
        ],
        "backup_enabled": bool((settings.get("backupConfiguration") or {}).get("enabled", False)),
        "database_flags": [
            {"name": str(f.get("name", "")), "value": str(f.get("value", ""))}
            for f in settings.get("databaseFlags") or ()
        ],
    }
    return document(
        asset,
        "google_sql_database_instance",
        config,
        region=str(data.get("region") or "global"),
        tags={str(k): str(v) for k, v in (settings.get("userLabels") or {}).items()},
    )
