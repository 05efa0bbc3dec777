"""Microsoft Entra tenants for tests: Graph v1.0 payloads to plant in the local Graph
(:class:`~cspm_opa.localclouds.azure_graph.GraphTenant`) and the ``azuread_*`` documents
they normalize to.

``hardened()`` meets every section 6 recommendation the checks read; ``out_of_box()`` is
what a new tenant answers (security defaults on, anyone may invite guests and register
apps, users may consent to any app, no directory settings, Conditional Access policies or
named locations created). ``change`` edits one
part of a state::

    state = change(hardened(), authorization={"allowInvitesFrom": "everyone"})
    plant(server.cloud.graph, state)
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from cspm_opa.localclouds.azure_graph import GraphTenant, hardened_tenant_state
from cspm_opa.normalize.azure import entra

__all__ = ["change", "documents", "hardened", "out_of_box", "plant", "setting"]

TENANT = "5e1a7c93-0b4d-4e62-8f37-a2c9d1e6b805"
"""The local Azure's tenant (and the builders' default)."""


def hardened() -> dict[str, Any]:
    return hardened_tenant_state()


def out_of_box() -> dict[str, Any]:
    """A tenant as Microsoft creates it."""
    state = hardened_tenant_state()
    state["authorization_policy"].update(
        {
            "allowInvitesFrom": "everyone",
            "allowedToSignUpEmailBasedSubscriptions": True,
            "blockMsolPowerShell": False,
            "guestUserRoleId": "10dae51f-b6af-4016-8d66-8c2a99b929b3",
        }
    )
    state["authorization_policy"]["defaultUserRolePermissions"].update(
        {
            "allowedToCreateApps": True,
            "allowedToCreateSecurityGroups": True,
            "allowedToCreateTenants": True,
            "allowedToReadBitlockerKeysForOwnedDevice": True,
            "permissionGrantPoliciesAssigned": [
                "ManagePermissionGrantsForSelf.microsoft-user-default-legacy"
            ],
        }
    )
    state["group_settings"] = []
    state["conditional_access_policies"] = []
    state["named_locations"] = []
    state["admin_consent_request_policy"] = {
        "isEnabled": False,
        "notifyReviewers": False,
        "remindersEnabled": False,
        "requestDurationInDays": 0,
        "version": 0,
        "reviewers": [],
    }
    return state


def setting(
    display_name: str, values: Mapping[str, str], *, template_id: str = ""
) -> dict[str, Any]:
    """One directory setting object as ``/groupSettings`` lists it."""
    templates = {
        "Group.Unified": entra.GROUP_UNIFIED_TEMPLATE,
        "Password Rule Settings": entra.PASSWORD_RULE_TEMPLATE,
    }
    return {
        "id": f"00000000-0000-4000-8000-{abs(hash(display_name)) % 10**12:012d}",
        "displayName": display_name,
        "templateId": template_id or templates.get(display_name, ""),
        "values": [{"name": k, "value": v} for k, v in values.items()],
    }


def change(
    state: Mapping[str, Any],
    *,
    security_defaults: bool | None = None,
    authorization: Mapping[str, Any] | None = None,
    default_user: Mapping[str, Any] | None = None,
    group_unified: Mapping[str, str] | None = None,
    password_rule: Mapping[str, str] | None = None,
    admin_consent: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """A copy of ``state`` with the given Graph fields replaced (camelCase, as Graph
    writes them; directory setting values by name, as strings)."""
    out = copy.deepcopy(dict(state))
    if security_defaults is not None:
        out["security_defaults"]["isEnabled"] = security_defaults
    if authorization:
        out["authorization_policy"].update(authorization)
    if default_user:
        out["authorization_policy"]["defaultUserRolePermissions"].update(default_user)
    for name, values in (
        ("Group.Unified", group_unified),
        ("Password Rule Settings", password_rule),
    ):
        if values is None:
            continue
        found = next((s for s in out["group_settings"] if s["displayName"] == name), None)
        if found is None:
            out["group_settings"].append(setting(name, values))
            continue
        merged = {v["name"]: v["value"] for v in found["values"]} | dict(values)
        found["values"] = [{"name": k, "value": v} for k, v in merged.items()]
    if admin_consent:
        out["admin_consent_request_policy"].update(admin_consent)
    return out


def plant(graph: GraphTenant, state: Mapping[str, Any]) -> None:
    """Serve ``state`` from a local Graph."""
    for name, payload in state.items():
        graph.set(name, payload)


def documents(
    state: Mapping[str, Any] | None = None, tenant_id: str = TENANT
) -> list[dict[str, Any]]:
    """The ``azuread_*`` documents the collector makes of ``state`` (default: hardened)."""
    state = state or hardened()
    return [
        entra.security_defaults(state["security_defaults"], tenant_id),
        entra.authorization_policy(state["authorization_policy"], tenant_id),
        entra.directory_settings(state["group_settings"], tenant_id),
        entra.admin_consent_request_policy(state["admin_consent_request_policy"], tenant_id),
        entra.conditional_access(conditional_access_documents(state), tenant_id),
        entra.global_administrators(state["global_administrators"] or (), tenant_id),
    ]


def conditional_access_documents(state: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The raw Conditional Access read (policies and named locations) of ``state``."""
    state = state or hardened()
    return {
        "policies": state["conditional_access_policies"],
        "named_locations": state["named_locations"],
    }
