"""Network security groups, network interfaces, public IP addresses, Network Watchers
with their flow logs, Bastion hosts."""

from __future__ import annotations

from functools import partial

from cspm_opa.collect.azure._ids import group_and_name
from cspm_opa.collect.azure._part import Context
from cspm_opa.normalize.azure import (
    bastion_host,
    flow_log,
    network_interface,
    network_security_group,
    network_watcher,
    public_ip,
)

__all__ = ["collect_network"]


def collect_network(ctx: Context) -> None:
    from azure.mgmt.network import NetworkManagementClient

    client = ctx.client(NetworkManagementClient)
    out = ctx.part.resources
    groups = ctx.listing(
        ["azurerm_network_security_group"], client.network_security_groups.list_all
    )
    out.extend(network_security_group(raw) for raw in groups or ())
    nics = ctx.listing(["azurerm_network_interface"], client.network_interfaces.list_all)
    out.extend(network_interface(raw) for raw in nics or ())
    addresses = ctx.listing(["azurerm_public_ip"], client.public_ip_addresses.list_all)
    out.extend(public_ip(raw) for raw in addresses or ())
    watchers = ctx.listing(
        ["azurerm_network_watcher", "azurerm_network_watcher_flow_log"],
        client.network_watchers.list_all,
    )
    for raw in watchers or ():
        out.append(network_watcher(raw))
        group, name = group_and_name(raw["id"])
        logs = ctx.listing(
            ["azurerm_network_watcher_flow_log"],
            partial(client.flow_logs.list, group, name),
        )
        out.extend(flow_log(log, raw["id"]) for log in logs or ())
    hosts = ctx.listing(["azurerm_bastion_host"], client.bastion_hosts.list)
    out.extend(bastion_host(raw) for raw in hosts or ())
