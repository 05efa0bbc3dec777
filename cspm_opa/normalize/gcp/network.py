"""VPC networks, subnets and firewall rules, and Cloud DNS zones and server policies.

References between them (a subnet's network, the networks a DNS policy covers) are kept
as ``projects/<p>/global/networks/<name>`` so checks can join them by plain equality.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from cspm_opa.normalize.gcp._common import (
    Asset,
    Document,
    as_int,
    compute_path,
    data_of,
    document,
    last_segment,
    strings,
)

__all__ = ["dns_policy", "firewall", "managed_zone", "network", "subnetwork"]


def network(asset: Asset) -> Document:
    data = data_of(asset)
    legacy = bool(data.get("IPv4Range"))
    auto = data.get("autoCreateSubnetworks")
    config = {
        "self_link": compute_path(data.get("selfLink")) or _path_from_asset(asset),
        "auto_create_subnetworks": None if legacy or auto is None else bool(auto),
        "legacy": legacy,
        "routing_mode": (data.get("routingConfig") or {}).get("routingMode"),
    }
    return document(asset, "google_compute_network", config, region="global")


def _path_from_asset(asset: Asset) -> str:
    """``//compute.googleapis.com/projects/p/global/networks/n`` -> ``projects/p/...``."""
    return compute_path(str(asset["name"]))


def subnetwork(asset: Asset) -> Document:
    data = data_of(asset)
    log = data.get("logConfig")
    if log is None and data.get("enableFlowLogs") is not None:
        log = {"enable": data["enableFlowLogs"]}
    config = {
        "network": compute_path(data.get("network")),
        "ip_cidr_range": str(data.get("ipCidrRange", "")),
        "purpose": str(data.get("purpose") or "PRIVATE"),
        "private_ip_google_access": bool(data.get("privateIpGoogleAccess", False)),
        "log_config": _flow_logs(log) if log is not None else None,
    }
    return document(
        asset, "google_compute_subnetwork", config, region=last_segment(data.get("region"))
    )


def _flow_logs(log: Mapping[str, Any]) -> dict[str, Any]:
    """Flow log settings with the API's documented defaults filled in, so a check sees
    what the subnet really does rather than what happens to be spelled out."""
    return {
        "enable": bool(log.get("enable", False)),
        "aggregation_interval": str(log.get("aggregationInterval") or "INTERVAL_5_SEC"),
        "flow_sampling": float(log.get("flowSampling", 0.5)),
        "metadata": str(log.get("metadata") or "INCLUDE_ALL_METADATA"),
        "filter_expr": log.get("filterExpr") or None,
    }


def _rules(rules: Any) -> list[dict[str, Any]]:
    return [
        {"protocol": str(r.get("IPProtocol", "")).lower(), "ports": strings(r.get("ports"))}
        for r in rules or ()
    ]


def firewall(asset: Asset) -> Document:
    data = data_of(asset)
    priority = as_int(data.get("priority"))
    config = {
        "network": compute_path(data.get("network")),
        "direction": str(data.get("direction") or "INGRESS"),
        "priority": 1000 if priority is None else priority,
        "disabled": bool(data.get("disabled", False)),
        "source_ranges": strings(data.get("sourceRanges")),
        "destination_ranges": strings(data.get("destinationRanges")),
        "source_tags": strings(data.get("sourceTags")),
        "target_tags": strings(data.get("targetTags")),
        "target_service_accounts": strings(data.get("targetServiceAccounts")),
        "allowed": _rules(data.get("allowed")),
        "denied": _rules(data.get("denied")),
        "log_enabled": bool((data.get("logConfig") or {}).get("enable", False)),
    }
    return document(asset, "google_compute_firewall", config, region="global")


def managed_zone(asset: Asset) -> Document:
    data = data_of(asset)
    dnssec = data.get("dnssecConfig")
    config = {
        "dns_name": str(data.get("dnsName", "")),
        "visibility": str(data.get("visibility") or "public").lower(),
        "dnssec": (
            {
                "state": str(dnssec.get("state") or "off").lower(),
                "key_specs": [
                    {
                        "key_type": str(spec.get("keyType", "")),
                        "algorithm": str(spec.get("algorithm", "")).lower(),
                        "key_length": as_int(spec.get("keyLength")),
                    }
                    for spec in dnssec.get("defaultKeySpecs") or ()
                ],
            }
            if dnssec is not None
            else None
        ),
    }
    return document(asset, "google_dns_managed_zone", config, region="global")


def dns_policy(asset: Asset) -> Document:
    data = data_of(asset)
    config = {
        "enable_logging": bool(data.get("enableLogging", False)),
        "enable_inbound_forwarding": bool(data.get("enableInboundForwarding", False)),
        "networks": [compute_path(n.get("networkUrl")) for n in data.get("networks") or ()],
    }
    return document(asset, "google_dns_policy", config, region="global")
