"""Azure RBAC role assignments and custom role definitions."""

from __future__ import annotations

from cspm_opa.normalize.azure._common import GLOBAL, Document, Raw, props, resource

__all__ = ["role_assignment", "role_definition"]


def role_assignment(raw: Raw) -> Document:
    """An ``azurerm_role_assignment``."""
    p = props(raw)
    definition = str(p.get("roleDefinitionId", ""))
    config = {
        "role_definition_id": definition,
        "role_definition_guid": definition.rstrip("/").rsplit("/", 1)[-1].lower(),
        "principal_id": str(p.get("principalId", "")),
        "principal_type": p.get("principalType"),
        "scope": str(p.get("scope", "")),
    }
    return resource("azurerm_role_assignment", raw, config, region=GLOBAL)


def role_definition(raw: Raw) -> Document:
    """An ``azurerm_role_definition`` (named by its roleName, not its GUID)."""
    p = props(raw)
    config = {
        "role_name": str(p.get("roleName", "")),
        "role_type": str(p.get("type", "")),
        "description": p.get("description") or None,
        "assignable_scopes": [str(s) for s in p.get("assignableScopes") or ()],
        "permissions": [
            {
                "actions": [str(a) for a in perm.get("actions") or ()],
                "not_actions": [str(a) for a in perm.get("notActions") or ()],
                "data_actions": [str(a) for a in perm.get("dataActions") or ()],
                "not_data_actions": [str(a) for a in perm.get("notDataActions") or ()],
            }
            for perm in p.get("permissions") or ()
        ],
    }
    doc = resource("azurerm_role_definition", raw, config, region=GLOBAL)
    doc["name"] = config["role_name"] or doc["name"]
    return doc
