"""The accounts file: which AWS accounts to scan, and how to reach each.

::

    defaults:                       # optional; applies to every account below
      role_name: cspm-audit         # with an account's id, makes its role_arn
      external_id: acme-cspm
      regions: [us-east-1, eu-west-1]   # or: all
    accounts:
      - id: "111122223333"          # quoted: YAML would read 0-led ids as numbers
        name: prod-payments
        labels: {environment: production}
      - role_arn: arn:aws:iam::444455556666:role/cspm-audit
        external_id: other-id
      - profile: sandbox            # a named profile's own credentials
      - id: "777788889999"          # with no role_name in defaults: the current
                                    # credentials, which must be this account's

Every problem in the file is reported at once, each with the file and line, as a
:class:`ConfigError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cspm_opa.errors import ConfigError

__all__ = ["AccountSpec", "load_accounts"]

ACCOUNT_ID = re.compile(r"^\d{12}$")
ROLE_ARN = re.compile(r"^arn:aws(-cn|-us-gov)?:iam::(\d{12}):role/[\w+=,.@/-]+$")
REGION = re.compile(r"^[a-z]{2}(-[a-z]+)+-\d$")
ACCOUNT_KEYS = {"id", "name", "role_arn", "external_id", "profile", "regions", "labels"}
DEFAULT_KEYS = {"role_name", "external_id", "regions", "profile"}
STR = "tag:yaml.org,2002:str"


@dataclass(frozen=True)
class AccountSpec:
    """One account of the file, defaults applied."""

    line: int
    id: str | None = None
    name: str | None = None
    role_arn: str | None = None
    external_id: str | None = None
    profile: str | None = None
    regions: tuple[str, ...] | None = None
    labels: dict[str, str] = field(default_factory=dict)

    @property
    def account_id(self) -> str | None:
        """The id, given or read from the role ARN."""
        if self.id:
            return self.id
        match = ROLE_ARN.match(self.role_arn or "")
        return match.group(2) if match else None


class _Problems:
    def __init__(self, path: Path):
        self.path = path
        self.items: list[str] = []

    def add(self, node: yaml.Node, where: str, message: str) -> None:
        self.items.append(f"{self.path}:{node.start_mark.line + 1}: {where}: {message}")


def _mapping(node: yaml.Node) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    return (
        {str(k.value): (k, v) for k, v in node.value} if isinstance(node, yaml.MappingNode) else {}
    )


def _string(node: yaml.Node, where: str, problems: _Problems) -> str | None:
    if isinstance(node, yaml.ScalarNode) and node.tag == STR and node.value:
        return str(node.value)
    problems.add(node, where, "must be a non-empty string (quote numbers)")
    return None


def _regions(node: yaml.Node, where: str, problems: _Problems) -> tuple[str, ...] | None:
    if isinstance(node, yaml.ScalarNode) and node.value == "all":
        return ("all",)
    if not isinstance(node, yaml.SequenceNode) or not node.value:
        problems.add(node, where, 'must be "all" or a list of region names')
        return None
    out = []
    for i, item in enumerate(node.value):
        name = _string(item, f"{where}[{i}]", problems)
        if name is not None and not REGION.match(name):
            problems.add(item, f"{where}[{i}]", f"{name!r} is not a region name")
        elif name is not None:
            out.append(name)
    return tuple(out)


def _labels(node: yaml.Node, where: str, problems: _Problems) -> dict[str, str]:
    if not isinstance(node, yaml.MappingNode):
        problems.add(node, where, "must be a mapping of names to strings")
        return {}
    out = {}
    for key, value in node.value:
        text = _string(value, f"{where}.{key.value}", problems)
        if text is not None:
            out[str(key.value)] = text
    return out


def _fields(node: yaml.Node, where: str, allowed: set[str], problems: _Problems) -> dict[str, Any]:
    """The known keys of a mapping node, each validated; unknown keys are problems."""
    if not isinstance(node, yaml.MappingNode):
        problems.add(node, where, "must be a mapping")
        return {}
    values: dict[str, Any] = {}
    for key, (key_node, value) in _mapping(node).items():
        at = f"{where}.{key}" if where else key
        if key not in allowed:
            problems.add(
                key_node, at, f"unknown key (expected one of {', '.join(sorted(allowed))})"
            )
        elif key == "regions":
            values[key] = _regions(value, at, problems)
        elif key == "labels":
            values[key] = _labels(value, at, problems)
        else:
            values[key] = _string(value, at, problems)
    return values


def _account(
    node: yaml.Node, where: str, defaults: dict[str, Any], problems: _Problems
) -> AccountSpec | None:
    start = len(problems.items)
    own = _fields(node, where, ACCOUNT_KEYS, problems)
    account_id, role_arn = own.get("id"), own.get("role_arn")
    if account_id and not ACCOUNT_ID.match(account_id):
        problems.add(node, f"{where}.id", f"{account_id!r} is not a 12-digit account id")
    if role_arn:
        match = ROLE_ARN.match(role_arn)
        if not match:
            problems.add(node, f"{where}.role_arn", f"{role_arn!r} is not an IAM role ARN")
        elif account_id and match.group(2) != account_id:
            problems.add(node, where, f"role_arn is in account {match.group(2)}, not {account_id}")
    if not role_arn and account_id and defaults.get("role_name") and not own.get("profile"):
        role_arn = f"arn:aws:iam::{account_id}:role/{defaults['role_name']}"
    if not (role_arn or own.get("profile") or account_id):
        problems.add(node, where, "needs an id, a role_arn or a profile")
    if len(problems.items) > start:
        return None
    return AccountSpec(
        line=node.start_mark.line + 1,
        id=account_id,
        name=own.get("name"),
        role_arn=role_arn,
        external_id=own.get("external_id") or (defaults.get("external_id") if role_arn else None),
        profile=own.get("profile") or defaults.get("profile"),
        regions=own.get("regions") or defaults.get("regions"),
        labels=own.get("labels") or {},
    )


def load_accounts(path: Path) -> list[AccountSpec]:
    """Read and validate an accounts file; raise :class:`ConfigError` listing every problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the accounts file: {exc.strerror}") from exc
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        reason = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(f"{path}{line}: not valid YAML: {reason}") from exc
    problems = _Problems(path)
    if root is None or not isinstance(root, yaml.MappingNode):
        raise ConfigError(f"{path}:1: the accounts file is a mapping with an 'accounts' list")
    top = _mapping(root)
    for key, (key_node, _) in top.items():
        if key not in ("accounts", "defaults"):
            problems.add(key_node, key, "unknown key (expected accounts, defaults)")
    defaults: dict[str, Any] = {}
    if "defaults" in top:
        defaults = _fields(top["defaults"][1], "defaults", DEFAULT_KEYS, problems)
    specs: list[AccountSpec] = []
    entries = top.get("accounts")
    if entries is None:
        problems.add(root, "accounts", "is required")
    elif not isinstance(entries[1], yaml.SequenceNode) or not entries[1].value:
        problems.add(entries[1], "accounts", "must be a non-empty list")
    else:
        for i, node in enumerate(entries[1].value):
            spec = _account(node, f"accounts[{i}]", defaults, problems)
            if spec is not None:
                specs.append(spec)
    if problems.items:
        raise ConfigError("invalid accounts file:\n  " + "\n  ".join(problems.items))
    return specs
