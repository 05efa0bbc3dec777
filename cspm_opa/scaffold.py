"""Scaffolding for a new check: a Rego file with METADATA and its test, lint-clean as written."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from cspm_opa.errors import ConfigError
from cspm_opa.schemas import default_store

__all__ = ["Scaffold", "scaffold_check"]

_ID = re.compile(r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")

_CHECK = """\
# METADATA
# title: "{title}"
# description: >-
#   Say what goes wrong when a {rtype} does not comply, and for whom.
# custom:
#   id: {id}
#   severity: {severity}
#   resource_type: {rtype}
#   remediation: Say, concretely, how to fix a {rtype} that fails.
#   compliance: {{}}
package {package}

# A resource fails when `deny` names it; every other {rtype} passes.
# Replace the example condition (an Owner tag) with yours.
deny contains {{"resource": id, "message": "has no Owner tag"}} if {{
\tsome id, resource in input.resources.{rtype}
\tnot resource.tags.Owner
}}
"""

_TEST = """\
package {package}_test

import data.{package}

resource(tags) := {{"resources": {{"{rtype}": {{"r1": {{
\t"id": "r1",
\t"type": "{rtype}",
\t"tags": tags,
\t"config": {{}},
}}}}}}}}

test_pass_resource_with_owner if {{
\tcount({name}.deny) == 0 with input as resource({{"Owner": "team-a"}})
}}

test_fail_resource_without_owner if {{
\tsome d in {name}.deny with input as resource({{}})
\td.resource == "r1"
}}
"""


@dataclass(frozen=True)
class Scaffold:
    check: Path
    test: Path


def scaffold_check(
    directory: Path,
    *,
    provider: str,
    resource_type: str,
    policy_id: str,
    name: str | None = None,
    service: str | None = None,
    severity: str = "MEDIUM",
) -> Scaffold:
    """Write ``<dir>/<provider>/<service>/<name>.rego`` and ``<name>_test.rego``."""
    if not _ID.match(policy_id):
        raise ConfigError(f"--id {policy_id!r} must look like ACME-S3-001")
    if not default_store().has_resource_type(resource_type):
        raise ConfigError(f"--resource-type {resource_type!r} has no schema in schemas/resources/")
    prefix = {"aws": "aws_", "azure": "azurerm_", "gcp": "google_"}[provider]
    if not resource_type.startswith(prefix) and not resource_type.startswith("azuread_"):
        raise ConfigError(f"--resource-type {resource_type!r} is not a {provider} type")
    service = service or resource_type.split("_")[1]
    name = name or policy_id.lower().replace("-", "_")
    for label, value in (("--name", name), ("--service", service)):
        if not _NAME.match(value):
            raise ConfigError(f"{label} {value!r} must be a Rego identifier (a-z, 0-9, _)")
    package = f"cspm.checks.{provider}.{service}.{name}"
    check = directory / provider / service / f"{name}.rego"
    test = check.with_name(f"{name}_test.rego")
    for path in (check, test):
        if path.exists():
            raise ConfigError(f"{path} already exists; not overwriting it")
    check.parent.mkdir(parents=True, exist_ok=True)
    values = {
        "title": f"TODO: what a compliant {resource_type} looks like",
        "rtype": resource_type,
        "id": policy_id,
        "severity": severity,
        "package": package,
        "name": name,
    }
    check.write_text(_CHECK.format(**values), encoding="utf-8")
    test.write_text(_TEST.format(**values), encoding="utf-8")
    return Scaffold(check, test)
