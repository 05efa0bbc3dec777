"""Virtual machines and managed disks."""

from __future__ import annotations

from cspm_opa.collect.azure._part import Context
from cspm_opa.normalize.azure import managed_disk, virtual_machine

__all__ = ["collect_compute"]


def collect_compute(ctx: Context) -> None:
    from azure.mgmt.compute import ComputeManagementClient

    client = ctx.client(ComputeManagementClient)
    machines = ctx.listing(["azurerm_virtual_machine"], client.virtual_machines.list_all)
    ctx.part.resources.extend(virtual_machine(raw) for raw in machines or ())
    disks = ctx.listing(["azurerm_managed_disk"], client.disks.list)
    ctx.part.resources.extend(managed_disk(raw) for raw in disks or ())
