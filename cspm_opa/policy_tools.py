"""Linting and testing Rego checks: the work behind ``cspm-opa lint`` and ``cspm-opa test``.

Lint runs ``opa fmt``, ``opa check --strict`` against the resource schemas (a field the
schema lacks is an error with file and line), the METADATA contract, and requires every
check to have a test file with a passing (``test_pass_*``) and a failing (``test_fail_*``)
case. Test runs ``opa test`` with coverage over the given directories, the built-in
helper library loaded beside them.
"""

from __future__ import annotations

import json
import re
import tempfile
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from cspm_opa._paths import rego_dir
from cspm_opa.engine.binary import NOT_DATA, NOT_POLICY, find_opa, ignore_args, run_opa
from cspm_opa.engine.catalog import Catalog, load_catalog
from cspm_opa.errors import PolicyError
from cspm_opa.schemas import default_store
from cspm_opa.yaml_checks import compile_yaml_checks

__all__ = ["LintReport", "TestReport", "lint", "run_tests", "test_dirs_for"]

_PACKAGE = re.compile(r"^package\s+([\w.]+)", re.MULTILINE)
_TEST_RULE = re.compile(r"^test_(pass|fail)\w*", re.MULTILINE)


@dataclass
class LintReport:
    problems: list[str] = field(default_factory=list)
    checks: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class TestReport:
    passed: int
    failed: list[str]
    coverage: float | None
    uncovered: dict[str, list[int]]

    @property
    def ok(self) -> bool:
        return not self.failed


def test_dirs_for(policy_dirs: Sequence[Path]) -> list[Path]:
    """Where the tests of ``policy_dirs`` live: the dirs themselves, plus rego_tests/ for
    the built-in pack in a source checkout."""
    out = list(policy_dirs)
    builtin_tests = rego_dir().parent / "rego_tests"
    if rego_dir() in [p.resolve() for p in policy_dirs] and builtin_tests.is_dir():
        out.append(builtin_tests)
    return out


def lint(user_dirs: Sequence[Path] = (), opa: Path | None = None) -> LintReport:
    """Lint the built-in pack (when ``user_dirs`` is empty) or the user's directories,
    YAML checks included (compiled first; their problems name the YAML file and line)."""
    opa = opa or find_opa()
    targets = [p.resolve() for p in user_dirs] or [rego_dir()]
    report = LintReport()
    with tempfile.TemporaryDirectory(prefix="cspm-lint-") as tmp:
        try:
            generated = _compile_yaml(targets, Path(tmp), opa)
        except PolicyError as exc:
            report.problems.append(str(exc))
            return report
        all_policy = [rego_dir(), *(p for p in targets if p != rego_dir()), *generated]
        schema = Path(tmp, "input.json")
        schema.write_text(json.dumps(default_store().type_check_schema()), encoding="utf-8")
        with ThreadPoolExecutor(max_workers=2) as pool:
            fmt = pool.submit(
                run_opa, opa, ["fmt", "--list", "--fail", *map(str, test_dirs_for(targets))]
            )
            check = pool.submit(
                run_opa,
                opa,
                ["check", "--strict", "--format", "json", *ignore_args(NOT_POLICY),
                 "--schema", str(schema), *map(str, all_policy)],
            )  # fmt: skip
            fmt_out, check_out = fmt.result(), check.result()
        for line in fmt_out.stdout.split():
            report.problems.append(f"{line}: not formatted (run `opa fmt --write {line}`)")
        if check_out.returncode != 0:
            report.problems.extend(_check_errors(check_out.stdout or check_out.stderr))
            return report
        try:
            catalog = load_catalog(all_policy, opa)
        except PolicyError as exc:
            report.problems.append(str(exc))
            return report
        mine = [p for p in catalog.policies if any(_under(Path(p.file), t) for t in targets)]
        report.checks = len(mine)
        tests = [*test_dirs_for(targets), *generated]
        report.problems.extend(_missing_tests(catalog, mine, tests))
    return report


def _compile_yaml(targets: Sequence[Path], workdir: Path, opa: Path) -> list[Path]:
    """Compile the YAML checks of the user's directories; the generated dir, if any."""
    generated = workdir / "yaml-checks"
    user = [t for t in targets if t != rego_dir()]
    return [generated] if compile_yaml_checks(user, generated, opa) else []


def _under(path: Path, directory: Path) -> bool:
    return path == directory or directory in path.parents


def _check_errors(output: str) -> list[str]:
    """OPA's compile errors, one per problem, as ``file:row: code: message`` plus details."""
    try:
        errors = json.loads(output).get("errors", [])
    except (json.JSONDecodeError, AttributeError):
        return [output.strip()]
    problems = []
    for err in errors:
        loc = err.get("location") or {}
        text = (
            f"{loc.get('file', '?')}:{loc.get('row', '?')}: {err.get('code')}: {err.get('message')}"
        )
        details = err.get("details") or {}
        if details.get("oneOf"):
            text += f" (the schema has: {', '.join(details['oneOf'])})"
        problems.append(text)
    return problems or [output.strip()]


def _missing_tests(
    catalog: Catalog, policies: Sequence[object], test_dirs: Sequence[Path]
) -> list[str]:
    cases: dict[str, set[str]] = {}
    for directory in test_dirs:
        for file in directory.rglob("*_test.rego"):
            text = file.read_text(encoding="utf-8")
            match = _PACKAGE.search(text)
            if match:
                pkg = match.group(1).removesuffix("_test")
                cases.setdefault(pkg, set()).update(_TEST_RULE.findall(text))
    problems = []
    for policy in catalog.policies:
        if policy not in policies:
            continue
        found = cases.get(policy.package, set())
        missing = {"pass", "fail"} - found
        if missing:
            kinds = " and ".join(f"test_{m}_*" for m in sorted(missing))
            problems.append(
                f"{policy.file}: check {policy.id} has no {kinds} case in a "
                f"package {policy.package}_test"
            )
    return problems


def run_tests(
    user_dirs: Sequence[Path] = (), *, opa: Path | None = None, verbose: bool = False
) -> TestReport:
    """Run ``opa test`` over the user's checks and tests (or the built-in pack), with
    coverage counted over the policy files under test, not the helper library."""
    opa = opa or find_opa()
    targets = [p.resolve() for p in user_dirs] or [rego_dir()]
    with tempfile.TemporaryDirectory(prefix="cspm-test-") as tmp:
        generated = _compile_yaml(targets, Path(tmp), opa)
        targets = [*targets, *generated]
        load = [rego_dir(), *(p for p in test_dirs_for(targets) if p != rego_dir())]
        with ThreadPoolExecutor(max_workers=2) as pool:
            args = [*ignore_args(NOT_DATA), *map(str, load)]
            plain = pool.submit(run_opa, opa, ["test", "--format", "json", *args])
            cover = pool.submit(run_opa, opa, ["test", "--coverage", "--format", "json", *args])
            plain_out, cover_out = plain.result(), cover.result()
    try:
        results = json.loads(plain_out.stdout)
    except json.JSONDecodeError as exc:
        raise PolicyError((plain_out.stderr or plain_out.stdout).strip()) from exc
    failed = [
        f"{r['location']['file']}:{r['location']['row']}: {r['package']}.{r['name']}"
        + (f": {r['error']}" if r.get("error") else "")
        for r in results
        if r.get("fail") or r.get("error")
    ]
    passed = len(results) - len(failed)
    coverage, uncovered = _coverage(cover_out.stdout, targets)
    return TestReport(passed, failed, coverage, uncovered)


def _coverage(output: str, targets: Sequence[Path]) -> tuple[float | None, dict[str, list[int]]]:
    try:
        files = json.loads(output).get("files", {})
    except (json.JSONDecodeError, AttributeError):
        return None, {}
    covered = total = 0
    uncovered: dict[str, list[int]] = {}
    for name, data in files.items():
        path = Path(name).resolve()
        if path.name.endswith("_test.rego") or not any(_under(path, t) for t in targets):
            continue
        hit = _rows(data.get("covered"))
        missed = _rows(data.get("not_covered")) - hit
        covered += len(hit)
        total += len(hit) + len(missed)
        if missed:
            uncovered[name] = sorted(missed)
    return (100.0 * covered / total if total else None), uncovered


def _rows(ranges: list[dict[str, dict[str, int]]] | None) -> set[int]:
    return {row for r in ranges or () for row in range(r["start"]["row"], r["end"]["row"] + 1)}
