"""Resources read through Azure Resource Graph (rows carry the ARM ``properties``):
Databricks workspaces and Application Insights components, which no SDK in the
azure extra lists. Instrumentation keys and connection strings are not copied."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cspm_opa.normalize.azure._common import Document, Raw, props, resource

__all__ = ["GRAPH_TYPES", "application_insights", "databricks_workspace", "from_graph_row"]


def _param(parameters: Mapping[str, Any], name: str) -> Any:
    entry = parameters.get(name) or {}
    return entry.get("value") if isinstance(entry, Mapping) else None


def _cmk(entity: Any) -> bool:
    return isinstance(entity, Mapping) and str(entity.get("keySource", "")).lower() == (
        "microsoft.keyvault"
    )


def databricks_workspace(row: Raw) -> Document:
    """An ``azurerm_databricks_workspace``."""
    p = props(row)
    parameters = p.get("parameters") or {}
    entities = (p.get("encryption") or {}).get("entities") or {}
    dbfs = _param(parameters, "encryption")
    dbfs_source = (
        (dbfs.get("KeySource") or dbfs.get("keySource")) if isinstance(dbfs, Mapping) else None
    )
    config = {
        "sku_name": (row.get("sku") or {}).get("name"),
        "custom_virtual_network_id": _param(parameters, "customVirtualNetworkId") or None,
        "public_network_access": p.get("publicNetworkAccess"),
        "managed_services_cmk": _cmk(entities.get("managedServices")),
        "managed_disk_cmk": _cmk(entities.get("managedDisk")),
        "dbfs_cmk": str(dbfs_source or "").lower() == "microsoft.keyvault",
    }
    return resource("azurerm_databricks_workspace", row, config)


def application_insights(row: Raw) -> Document:
    """An ``azurerm_application_insights``."""
    p = props(row)
    config = {
        "application_type": p.get("Application_Type") or p.get("applicationType"),
        "workspace_resource_id": p.get("WorkspaceResourceId") or None,
        "ingestion_mode": p.get("IngestionMode"),
    }
    return resource("azurerm_application_insights", row, config)


GRAPH_TYPES = {
    "microsoft.databricks/workspaces": ("azurerm_databricks_workspace", databricks_workspace),
    "microsoft.insights/components": ("azurerm_application_insights", application_insights),
}
"""ARM resource type (lower case) -> resource type and normalizer."""


def from_graph_row(row: Raw) -> Document | None:
    """The document for a Resource Graph row, or None for a type not handled here."""
    entry = GRAPH_TYPES.get(str(row.get("type", "")).lower())
    return entry[1](row) if entry else None
