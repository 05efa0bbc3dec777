"""Key vaults with key and secret metadata (never secret values: the management plane
does not return them, and the normalizer copies only names, flags and dates) and each
vault's diagnostic settings."""

from __future__ import annotations

from functools import partial

from cspm_opa.collect.azure._ids import group_and_name
from cspm_opa.collect.azure._part import Context, detail, rest_all
from cspm_opa.collect.azure.monitor import diagnostic_settings_of
from cspm_opa.normalize.azure import key_vault

__all__ = ["collect_keyvault"]


def collect_keyvault(ctx: Context) -> None:
    from azure.mgmt.keyvault import KeyVaultManagementClient

    client = ctx.client(KeyVaultManagementClient)
    vaults = ctx.listing(["azurerm_key_vault"], client.vaults.list_by_subscription)
    for raw in vaults or ():
        group, name = group_and_name(raw["id"])
        unknown: list[str] = []
        keys = detail(partial(rest_all, partial(client.keys.list, group, name)), unknown, "keys")
        secrets = detail(
            partial(rest_all, partial(client.secrets.list, group, name)), unknown, "secrets"
        )
        diagnostics = detail(
            partial(diagnostic_settings_of, ctx, raw["id"]), unknown, "diagnostic_settings"
        )
        ctx.part.resources.append(
            key_vault(raw, keys, secrets, diagnostics, unknown=tuple(unknown))
        )
