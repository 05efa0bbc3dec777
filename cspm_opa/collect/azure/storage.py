"""Storage accounts with their blob and file service properties and the access level of
their blob containers (the plain container listing: no keys, no SAS, no blob data)."""

from __future__ import annotations

from functools import partial
from typing import Any

from cspm_opa.collect.azure._ids import group_and_name
from cspm_opa.collect.azure._part import Context, detail, rest_all
from cspm_opa.collect.azure._session import to_rest
from cspm_opa.normalize.azure import storage_account
from cspm_opa.normalize.azure.storage import BLOB_KINDS, FILE_KINDS

__all__ = ["collect_storage"]


def collect_storage(ctx: Context) -> None:
    from azure.mgmt.storage import StorageManagementClient

    client = ctx.client(StorageManagementClient)
    accounts = ctx.listing(["azurerm_storage_account"], client.storage_accounts.list)
    for raw in accounts or ():
        group, name = group_and_name(raw["id"])
        kind = str(raw.get("kind") or "StorageV2")
        unknown: list[str] = []
        blob = file = None
        containers: list[dict[str, Any]] | None = []
        if kind in BLOB_KINDS:
            call = partial(client.blob_services.get_service_properties, group, name)
            blob = detail(partial(_rest, call), unknown, "blob_properties")
            listing = partial(client.blob_containers.list, group, name)
            containers = detail(partial(rest_all, listing), unknown, "public_containers")
        if kind in FILE_KINDS:
            call = partial(client.file_services.get_service_properties, group, name)
            file = detail(partial(_rest, call), unknown, "file_properties")
        ctx.part.resources.append(
            storage_account(raw, blob, file, containers=containers, unknown=tuple(unknown))
        )


def _rest(call: Any) -> dict[str, Any]:
    return to_rest(call())
