"""Reading ARM resource ids."""

from __future__ import annotations

__all__ = ["group_and_name"]


def group_and_name(resource_id: str) -> tuple[str, str]:
    """(resource group, name) of ``/subscriptions/s/resourceGroups/rg/providers/ns/type/name``."""
    parts = resource_id.strip("/").split("/")
    lowered = [p.lower() for p in parts]
    group = parts[lowered.index("resourcegroups") + 1]
    return group, parts[-1]
