"""Azure RBAC: role assignments that apply to the subscription and its custom roles."""

from __future__ import annotations

from cspm_opa.collect.azure._part import Context
from cspm_opa.normalize.azure import role_assignment, role_definition

__all__ = ["collect_authorization"]


def collect_authorization(ctx: Context) -> None:
    from azure.mgmt.authorization import AuthorizationManagementClient

    client = ctx.client(AuthorizationManagementClient)
    assignments = ctx.listing(
        ["azurerm_role_assignment"], client.role_assignments.list_for_subscription
    )
    ctx.part.resources.extend(role_assignment(raw) for raw in assignments or ())
    roles = ctx.listing(
        ["azurerm_role_definition"],
        lambda: client.role_definitions.list(ctx.scope, filter="type eq 'CustomRole'"),
    )
    ctx.part.resources.extend(role_definition(raw) for raw in roles or ())
