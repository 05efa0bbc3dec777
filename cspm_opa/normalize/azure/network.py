"""Network security groups, Network Watchers and their flow logs, and Bastion hosts."""

from __future__ import annotations

from typing import Any

from cspm_opa.normalize.azure._common import Document, Raw, flag, props, resource

__all__ = ["bastion_host", "flow_log", "network_security_group", "network_watcher"]


def network_security_group(raw: Raw) -> Document:
    """An ``azurerm_network_security_group``: its own rules (singular and plural
    prefix and port fields merged), without the built-in default rules."""
    p = props(raw)
    rules = [_rule(rule) for rule in p.get("securityRules") or ()]
    config = {
        "security_rules": sorted(rules, key=lambda r: (r["direction"], r["priority"])),
        "subnet_ids": [str(s["id"]) for s in p.get("subnets") or () if s.get("id")],
        "network_interface_ids": [
            str(n["id"]) for n in p.get("networkInterfaces") or () if n.get("id")
        ],
    }
    return resource("azurerm_network_security_group", raw, config)


def _both(single: Any, plural: Any) -> list[str]:
    out = [str(v) for v in plural or ()]
    if single and single not in out:
        out.insert(0, str(single))
    return out


def _rule(rule: Raw) -> dict[str, Any]:
    p = props(rule)
    return {
        "name": str(rule.get("name", "")),
        "priority": int(p.get("priority") or 0),
        "direction": "Outbound" if p.get("direction") == "Outbound" else "Inbound",
        "access": "Deny" if p.get("access") == "Deny" else "Allow",
        "protocol": str(p.get("protocol") or "*"),
        "source_address_prefixes": _both(
            p.get("sourceAddressPrefix"), p.get("sourceAddressPrefixes")
        ),
        "destination_port_ranges": _both(
            p.get("destinationPortRange"), p.get("destinationPortRanges")
        ),
    }


def network_watcher(raw: Raw) -> Document:
    """An ``azurerm_network_watcher``."""
    state = str(props(raw).get("provisioningState") or "Succeeded")
    return resource("azurerm_network_watcher", raw, {"provisioning_state": state})


_TARGETS = {
    "networksecuritygroups": "network_security_group",
    "virtualnetworks": "virtual_network",
    "subnets": "subnet",
    "networkinterfaces": "network_interface",
}


def _target_type(target: str) -> str:
    parts = target.rstrip("/").split("/")
    return _TARGETS.get(parts[-2].lower(), "other") if len(parts) >= 2 else "other"


def flow_log(raw: Raw, watcher_id: str) -> Document:
    """An ``azurerm_network_watcher_flow_log`` of the watcher ``watcher_id``."""
    p = props(raw)
    retention = p.get("retentionPolicy") or {}
    analytics = (p.get("flowAnalyticsConfiguration") or {}).get(
        "networkWatcherFlowAnalyticsConfiguration"
    ) or {}
    target = str(p.get("targetResourceId") or "")
    config = {
        "network_watcher_id": watcher_id,
        "target_resource_id": target,
        "target_type": _target_type(target),
        "enabled": flag(p.get("enabled"), False),
        "retention_enabled": flag(retention.get("enabled"), False),
        "retention_days": int(retention.get("days") or 0),
        "storage_id": p.get("storageId") or None,
        "traffic_analytics_enabled": flag(analytics.get("enabled"), False),
        "workspace_id": analytics.get("workspaceResourceId") or None,
    }
    return resource("azurerm_network_watcher_flow_log", raw, config)


def bastion_host(raw: Raw) -> Document:
    """An ``azurerm_bastion_host``."""
    config = {
        "provisioning_state": str(props(raw).get("provisioningState") or "Succeeded"),
        "sku_name": (raw.get("sku") or {}).get("name"),
    }
    return resource("azurerm_bastion_host", raw, config)
