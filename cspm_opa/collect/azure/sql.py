"""Azure SQL servers (auditing, firewall rules, Entra administrator, TDE protector)
and their databases' transparent data encryption."""

from __future__ import annotations

from functools import partial
from typing import Any

from cspm_opa.collect.azure._ids import group_and_name
from cspm_opa.collect.azure._part import Context, detail, rest_all
from cspm_opa.collect.azure._session import to_rest
from cspm_opa.normalize.azure import mssql_database, mssql_server

__all__ = ["collect_sql"]


def collect_sql(ctx: Context) -> None:
    from azure.mgmt.sql import SqlManagementClient

    client = ctx.client(SqlManagementClient)
    servers = ctx.listing(["azurerm_mssql_server", "azurerm_mssql_database"], client.servers.list)
    for raw in servers or ():
        _server(ctx, client, raw)


def _server(ctx: Context, client: Any, raw: dict[str, Any]) -> None:
    group, name = group_and_name(raw["id"])
    unknown: list[str] = []
    auditing = detail(
        lambda: to_rest(client.server_blob_auditing_policies.get(group, name)),
        unknown,
        "auditing",
    )
    rules = detail(
        lambda: rest_all(lambda: client.firewall_rules.list_by_server(group, name)),
        unknown,
        "firewall_rules",
    )
    admins = detail(
        lambda: rest_all(lambda: client.server_azure_ad_administrators.list_by_server(group, name)),
        unknown,
        "azuread_administrator",
    )
    protector = detail(
        lambda: to_rest(client.encryption_protectors.get(group, name, "current")),
        unknown,
        "encryption_protector",
    )
    ctx.part.resources.append(
        mssql_server(
            raw,
            auditing=auditing,
            firewall_rules=rules,
            administrators=admins,
            encryption_protector=protector,
            unknown=tuple(unknown),
        )
    )
    databases = ctx.listing(
        ["azurerm_mssql_database"], lambda: client.databases.list_by_server(group, name)
    )
    for db in databases or ():
        if str(db.get("name", "")).lower() == "master":
            continue
        call = partial(client.transparent_data_encryptions.get, group, name, db["name"], "current")
        tde = detail(lambda: to_rest(call()), [], "tde_state")  # noqa: B023 - called at once
        ctx.part.resources.append(mssql_database(db, raw["id"], tde))
