"""AWS IAM policy reading for the graph: is a policy administrator-equivalent, which roles
may a principal assume, and does a role's trust policy let a principal in."""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator, Mapping
from typing import Any

__all__ = ["ADMIN_POLICY_ARNS", "assumable_role_patterns", "grants_admin", "trusts"]

ADMIN_POLICY_ARNS = frozenset(
    {
        "arn:aws:iam::aws:policy/AdministratorAccess",
        "arn:aws-us-gov:iam::aws:policy/AdministratorAccess",
        "arn:aws-cn:iam::aws:policy/AdministratorAccess",
    }
)


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _statements(document: Mapping[str, Any] | None) -> Iterator[Mapping[str, Any]]:
    if not isinstance(document, Mapping):
        return
    for statement in _list(document.get("Statement")):
        if isinstance(statement, Mapping) and statement.get("Effect") == "Allow":
            yield statement


def _action_matches(patterns: list[Any], action: str) -> bool:
    return any(
        isinstance(p, str) and fnmatch.fnmatchcase(action.lower(), p.lower()) for p in patterns
    )


def grants_admin(document: Mapping[str, Any] | None) -> bool:
    """True when an Allow statement grants every action on every resource, unconditioned."""
    for statement in _statements(document):
        if statement.get("Condition") or "NotAction" in statement:
            continue
        actions = _list(statement.get("Action"))
        resources = _list(statement.get("Resource"))
        if "*" in actions and "*" in resources:
            return True
    return False


def assumable_role_patterns(document: Mapping[str, Any] | None) -> list[str]:
    """The role ARN patterns an identity policy lets its holder call sts:AssumeRole on."""
    found: list[str] = []
    for statement in _statements(document):
        if _action_matches(_list(statement.get("Action")), "sts:AssumeRole"):
            found.extend(str(r) for r in _list(statement.get("Resource")) if isinstance(r, str))
    return found


def matches_arn(pattern: str, arn: str) -> bool:
    return fnmatch.fnmatchcase(arn, pattern)


def trusts(trust_policy: Mapping[str, Any] | None, principal_arn: str, account: str) -> bool:
    """True when ``trust_policy`` lets ``principal_arn`` (of ``account``) assume the role:
    an Allow on sts:AssumeRole naming the principal, its account (``root`` or the bare
    id), or ``*``."""
    for statement in _statements(trust_policy):
        if not _action_matches(_list(statement.get("Action")), "sts:AssumeRole"):
            continue
        principal = statement.get("Principal")
        if principal == "*":
            return True
        if not isinstance(principal, Mapping):
            continue
        for value in _list(principal.get("AWS")):
            if not isinstance(value, str):
                continue
            if value in ("*", principal_arn, account) or value.endswith(f"::{account}:root"):
                return True
    return False


def trusted_accounts(trust_policy: Mapping[str, Any] | None) -> set[str]:
    """Account ids (or ``*``) a trust policy names as AWS principals."""
    out: set[str] = set()
    for statement in _statements(trust_policy):
        principal = statement.get("Principal")
        if principal == "*":
            out.add("*")
            continue
        if isinstance(principal, Mapping):
            for value in _list(principal.get("AWS")):
                if not isinstance(value, str):
                    continue
                if value == "*":
                    out.add("*")
                elif value.isdigit():
                    out.add(value)
                elif value.startswith("arn:") and len(value.split(":")) > 4:
                    out.add(value.split(":")[4])
    return out
