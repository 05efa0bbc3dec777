"""Network security groups, network interfaces, public IP addresses, Network Watchers
and their flow logs, and Bastion hosts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cspm_opa.normalize.azure._common import Document, Raw, flag, props, resource

__all__ = [
    "bastion_host",
    "flow_log",
    "network_interface",
    "network_security_group",
    "network_watcher",
    "public_ip",
]


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


def network_interface(raw: Raw) -> Document:
    """An ``azurerm_network_interface``: the VM it is attached to, its first IP
    configuration's subnet, its private addresses, the public IP addresses of its IP
    configurations and its own NSG."""
    p = props(raw)
    configurations = [props(c) for c in p.get("ipConfigurations") or ()]
    subnets = [str((c.get("subnet") or {}).get("id") or "") for c in configurations]
    config = {
        "virtual_machine_id": _ref(p.get("virtualMachine")),
        "subnet_id": next((s for s in subnets if s), None),
        "private_ip_addresses": [
            str(c["privateIPAddress"]) for c in configurations if c.get("privateIPAddress")
        ],
        "public_ip_address_ids": [
            str(c["publicIPAddress"]["id"])
            for c in configurations
            if (c.get("publicIPAddress") or {}).get("id")
        ],
        "network_security_group_id": _ref(p.get("networkSecurityGroup")),
    }
    return resource("azurerm_network_interface", raw, config)


def public_ip(raw: Raw) -> Document:
    """An ``azurerm_public_ip``: its address (None until allocated), SKU (Basic when
    unset, as the API defaults), allocation method and the IP configuration using it."""
    p = props(raw)
    config = {
        "ip_address": p.get("ipAddress") or None,
        "sku": str((raw.get("sku") or {}).get("name") or "Basic"),
        "allocation_method": str(p.get("publicIPAllocationMethod") or "Dynamic"),
        "ip_configuration_id": _ref(p.get("ipConfiguration")),
    }
    return resource("azurerm_public_ip", raw, config)


def _ref(value: Any) -> str | None:
    """The ``id`` of an ARM sub-resource reference ``{"id": ...}``, or None."""
    found = value.get("id") if isinstance(value, Mapping) else None
    return str(found) if found else None


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
