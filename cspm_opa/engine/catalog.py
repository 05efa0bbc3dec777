"""The policy catalog, read from the Rego itself.

Ids, titles, severities, mappings and remediation come from each check's METADATA
(``opa inspect -a``) and are held to schemas/policy_metadata.json. Which resource types
and config fields a check reads comes from its parsed Rego (``rego.parse_module``), so
UNKNOWN results follow the code and cannot drift from it.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cspm_opa.engine.binary import find_opa, run_opa
from cspm_opa.engine.splitting import id_splittable, splits_over
from cspm_opa.errors import PolicyError
from cspm_opa.model import ComplianceRef, Policy, Severity
from cspm_opa.risk.rules import PATHS_PREFIX, PathRule
from cspm_opa.schemas import default_store

__all__ = ["Catalog", "load_catalog", "rego_files"]

CHECKS_PREFIX = ("cspm", "checks")
ALL = "*"

# Evaluated by `opa eval` over {"files": {path: text}}: per file, the types read under
# input.resources and the fields read under <resource>.config ("*" when not literal).
_REFS_POLICY = """
package cspm_refs

result[name] := {
	"package": pkg, "imports": imports, "types": types, "fields": fields, "rules": rules,
} if {
	some name, text in input.files
	mod := rego.parse_module(name, text)
	pkg := concat(".", [t.value | some i, t in mod["package"].path; i > 0])
	imports := {concat(".", [t.value | some j, t in imp.path.value; j > 0]) |
		some imp in object.get(mod, "imports", [])
		imp.path.value[0].value == "data"
	}
	refs := [r | walk(mod, [_, node]); is_object(node); node.type == "ref"; r := node.value]
	types := {t | some r in refs; r[0].value == "input"; r[1].value == "resources"; t := term(r, 2)}
	fields := {f |
		some r in refs
		some i, x in r
		x.type == "string"
		x.value == "config"
		i > 0
		f := term(r, i + 1)
	}
	rules := object.get(mod, "rules", [])
}

term(r, i) := r[i].value if r[i].type == "string"
term(r, i) := "*" if not r[i].type == "string"
"""


@dataclass(frozen=True)
class Catalog:
    """The checks of a run, in a stable order, and where they came from."""

    policies: tuple[Policy, ...]
    directories: tuple[Path, ...]
    paths: tuple[PathRule, ...] = ()
    """The attack-path rules (cspm.paths.*), in id order."""

    def by_key(self) -> dict[str, Policy]:
        """Checks by package path below cspm.checks, as the entrypoint reports them."""
        return {p.key: p for p in self.policies}

    def get(self, policy_id: str) -> Policy:
        for policy in self.policies:
            if policy.id == policy_id:
                return policy
        raise KeyError(policy_id)

    def frameworks(self) -> list[str]:
        return sorted({c.framework for p in self.policies for c in p.compliance})


def rego_files(directories: Iterable[Path]) -> list[Path]:
    """Policy files (tests excluded) below the given directories, sorted."""
    found: list[Path] = []
    for directory in directories:
        if directory.is_file():
            found.append(directory)
            continue
        found.extend(p for p in sorted(directory.rglob("*.rego")) if not _is_test(p.name))
    return found


def load_catalog(directories: Sequence[Path], opa: Path | None = None) -> Catalog:
    """Read every check's METADATA and refs from the given policy directories.

    Raises :class:`PolicyError` listing every problem at once: a check without METADATA,
    metadata that breaks the contract, a package outside cspm.checks.<provider>.<service>.
    <name>, or two files that declare the same package or policy id.
    """
    opa = opa or find_opa()
    dirs = tuple(d.resolve() for d in directories)
    files = rego_files(dirs)
    with ThreadPoolExecutor(max_workers=2) as pool:
        inspect_future = pool.submit(_inspect, opa, dirs)
        refs_future = pool.submit(_refs, opa, files)
        annotations, packages = inspect_future.result()
        refs = refs_future.result()
    problems: list[str] = []
    policies: list[Policy] = []
    seen_ids: dict[str, str] = {}
    seen_packages: dict[str, str] = {}
    annotated = {pkg for pkg, _ in annotations}
    for pkg, where in packages:
        if pkg[: len(CHECKS_PREFIX)] == CHECKS_PREFIX and pkg not in annotated:
            problems.append(f"{where}: check package {'.'.join(pkg)} has no METADATA")
        if pkg[: len(PATHS_PREFIX)] == PATHS_PREFIX and pkg not in annotated:
            problems.append(f"{where}: path rule package {'.'.join(pkg)} has no METADATA")
    path_rules = _path_rules(annotations, seen_ids, seen_packages, problems)
    for pkg, entry in annotations:
        if pkg[: len(CHECKS_PREFIX)] != CHECKS_PREFIX:
            continue
        policy = _policy(pkg, entry, refs, problems)
        if policy is None:
            continue
        where = _where(entry)
        for key, seen, kind in (
            (policy.id, seen_ids, "policy id"),
            (policy.package, seen_packages, "package"),
        ):
            if key in seen:
                problems.append(f"{where}: {kind} {key} is already declared at {seen[key]}")
            seen[key] = where
        policies.append(policy)
    if problems:
        raise PolicyError("invalid policy catalog:\n  " + "\n  ".join(problems))
    policies.sort(key=lambda p: p.id)
    return Catalog(tuple(policies), dirs, tuple(sorted(path_rules, key=lambda r: r.id)))


def _path_rules(
    annotations: Sequence[tuple[tuple[str, ...], Mapping[str, Any]]],
    seen_ids: dict[str, str],
    seen_packages: dict[str, str],
    problems: list[str],
) -> list[PathRule]:
    """The attack-path rules: METADATA held to schemas/path_metadata.json; an id or
    package declared twice is an error naming both files."""
    rules: list[PathRule] = []
    for pkg, entry in annotations:
        if pkg[: len(PATHS_PREFIX)] != PATHS_PREFIX:
            continue
        where = _where(entry)
        name = ".".join(pkg)
        if len(pkg) != len(PATHS_PREFIX) + 2:
            problems.append(f"{where}: package {name} is not cspm.paths.<provider>.<name>")
            continue
        meta = entry["annotations"]
        issues = list(default_store().issues("path_metadata.json", meta))
        if issues:
            problems.extend(f"{where}: METADATA {issue}" for issue in issues)
            continue
        custom = meta["custom"]
        rule = PathRule(
            id=custom["id"],
            title=meta["title"],
            description=meta["description"],
            severity=custom["severity"],
            provider=custom["provider"],
            remediation=custom["remediation"],
            package=name,
            file=entry["location"]["file"],
        )
        for key, seen, kind in (
            (rule.id, seen_ids, "path rule id"),
            (rule.package, seen_packages, "package"),
        ):
            if key in seen:
                problems.append(f"{where}: {kind} {key} is already declared at {seen[key]}")
            seen[key] = where
        rules.append(rule)
    return rules


def _where(entry: Mapping[str, Any]) -> str:
    loc = entry.get("location", {})
    return f"{loc.get('file', '?')}:{loc.get('row', '?')}"


def _policy(
    pkg: tuple[str, ...],
    entry: Mapping[str, Any],
    refs: Mapping[str, Mapping[str, Any]],
    problems: list[str],
) -> Policy | None:
    where = _where(entry)
    name = ".".join(pkg)
    if len(pkg) != len(CHECKS_PREFIX) + 3:
        problems.append(f"{where}: package {name} is not cspm.checks.<provider>.<service>.<name>")
        return None
    meta = entry["annotations"]
    issues = list(default_store().issues("policy_metadata.json", meta))
    if issues:
        problems.extend(f"{where}: METADATA {issue}" for issue in issues)
        return None
    custom = meta["custom"]
    rtype = custom["resource_type"]
    if not default_store().has_resource_type(rtype):
        problems.append(f"{where}: METADATA custom.resource_type {rtype!r} has no schema")
        return None
    file = entry["location"]["file"]
    read = refs.get(file, {"types": [], "fields": [], "lib_types": []})
    shown = custom.get("source") or file  # a check compiled from YAML names its YAML
    return Policy(
        id=custom["id"],
        title=meta["title"],
        description=meta["description"],
        severity=Severity(custom["severity"]),
        resource_type=rtype,
        remediation=custom["remediation"],
        package=name,
        file=shown,
        compliance=tuple(
            ComplianceRef(framework, str(control))
            for framework, controls in sorted(custom["compliance"].items())
            for control in controls
        ),
        reads=frozenset(read["fields"]),
        depends_on=frozenset([rtype, *read["types"]]),
        id_splittable=id_splittable(
            read.get("rules", []), rtype, read.get("imports", []), rtype in read["lib_types"]
        ),
        splits_over=splits_over(
            read.get("rules", []),
            rtype,
            read["types"],
            read.get("imports", []),
            read["lib_types"],
        ),
    )


def _inspect(
    opa: Path, dirs: Sequence[Path]
) -> tuple[list[tuple[tuple[str, ...], dict[str, Any]]], list[tuple[tuple[str, ...], str]]]:
    """Package annotations and packages of every directory (`opa inspect` takes one path)."""
    with ThreadPoolExecutor(max_workers=2) as pool:
        procs = list(
            pool.map(lambda d: run_opa(opa, ["inspect", "-a", "--format", "json", str(d)]), dirs)
        )
    annotations: list[tuple[tuple[str, ...], dict[str, Any]]] = []
    packages: list[tuple[tuple[str, ...], str]] = []
    for directory, proc in zip(dirs, procs, strict=True):
        if proc.returncode != 0:
            raise PolicyError(f"{directory}: {proc.stderr.strip() or proc.stdout.strip()}")
        data = json.loads(proc.stdout)
        annotations.extend(
            (_path(entry["path"]), entry)
            for entry in data.get("annotations") or []
            if entry["annotations"].get("scope") == "package"
            and not _is_test(entry["location"]["file"])
        )
        packages.extend(
            (_path_from_name(ns), f"{file}:1")
            for ns, files in (data.get("namespaces") or {}).items()
            for file in files
            if not _is_test(file)
        )
    return annotations, packages


def _is_test(file: str) -> bool:
    return file.endswith("_test.rego")


def _path(terms: list[dict[str, Any]]) -> tuple[str, ...]:
    return tuple(str(t["value"]) for t in terms[1:])


def _path_from_name(namespace: str) -> tuple[str, ...]:
    return tuple(namespace.removeprefix("data.").split("."))


def _refs(opa: Path, files: Sequence[Path]) -> dict[str, dict[str, Any]]:
    payload = {"files": {str(f): f.read_text(encoding="utf-8") for f in files}}
    with tempfile.TemporaryDirectory(prefix="cspm-refs-") as tmp:
        policy = Path(tmp, "refs.rego")
        policy.write_text(_REFS_POLICY, encoding="utf-8")
        data = Path(tmp, "input.json")
        data.write_text(json.dumps(payload), encoding="utf-8")
        proc = run_opa(
            opa,
            [
                "eval",
                "--format",
                "json",
                "-d",
                str(policy),
                "-i",
                str(data),
                "data.cspm_refs.result",
            ],
        )
    if proc.returncode != 0:
        raise PolicyError(_eval_error(proc.stdout, proc.stderr))
    result: dict[str, dict[str, Any]] = json.loads(proc.stdout)["result"][0]["expressions"][0][
        "value"
    ]
    return _through_imports(result)


def _through_imports(parsed: Mapping[str, Mapping[str, Any]]) -> dict[str, dict[str, Any]]:
    """Add to each file what the helper packages it imports (data.cspm.lib..., and theirs)
    read, so a field read inside a helper function still makes the check UNKNOWN when it
    was not collected. Over-approximates: a helper's every read counts, called or not."""
    by_package: dict[str, list[Mapping[str, Any]]] = {}
    for entry in parsed.values():
        by_package.setdefault(entry["package"], []).append(entry)
    out: dict[str, dict[str, Any]] = {}
    for name, entry in parsed.items():
        types, fields = set(entry["types"]), set(entry["fields"])
        lib_types: set[str] = set()
        pending = [i for i in entry["imports"] if i.startswith("cspm.lib")]
        seen: set[str] = set()
        while pending:
            package = pending.pop()
            if package in seen:
                continue
            seen.add(package)
            for lib in by_package.get(package, []):
                types |= set(lib["types"])
                lib_types |= set(lib["types"])
                fields |= set(lib["fields"])
                pending += [i for i in lib["imports"] if i.startswith("cspm.lib")]
        out[name] = {
            "types": sorted(types),
            "fields": sorted(fields),
            "lib_types": sorted(lib_types),
            "imports": sorted(entry["imports"]),
            "rules": entry.get("rules", []),
        }
    return out


def _eval_error(stdout: str, stderr: str) -> str:
    try:
        errors = json.loads(stdout).get("errors", [])
        return "\n".join(
            f"{e.get('location', {}).get('file', '?')}:{e.get('location', {}).get('row', '?')}: "
            f"{e.get('message', '')}"
            for e in errors
        )
    except (json.JSONDecodeError, AttributeError):
        return (stderr or stdout).strip()
