"""No module of cspm_opa imports itself back, directly or through others.

Every import statement counts, including those inside functions and under
``TYPE_CHECKING``: a cycle hidden in a function still ties the modules together.
``from package import name`` points at the submodule when ``name`` is one, else at the
package. A submodule's implicit import of its parent package is not an edge.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "cspm_opa"


def _modules() -> dict[str, tuple[Path, bool]]:
    found: dict[str, tuple[Path, bool]] = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        found[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return found


def _imported(node: ast.AST, package: str) -> Iterator[tuple[str, list[str]]]:
    if isinstance(node, ast.Import):
        for alias in node.names:
            yield alias.name, []
    elif isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:
            anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
            base = ".".join(anchor + ([base] if base else []))
        yield base, [alias.name for alias in node.names]


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, (path, is_package) in modules.items():
        package = name if is_package else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            for base, names in _imported(node, package):
                targets = [f"{base}.{n}" for n in names if f"{base}.{n}" in modules]
                if len(targets) < len(names) or not names:
                    targets.append(base)
                for target in targets:
                    owner = target
                    while owner and owner not in modules:
                        owner = owner.rpartition(".")[0]
                    if owner and owner != name:
                        graph[name].add(owner)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_cspm_opa_has_no_import_cycle() -> None:
    assert cycles(import_graph()) == []


def test_the_detector_sees_a_cycle_closed_by_a_function_level_import() -> None:
    graph = import_graph()
    # azure_demo imports azure_estate, which writes into azure_cloud's server
    assert "cspm_opa.localclouds.azure_estate" in graph["cspm_opa.localclouds.azure_demo"]
    graph["cspm_opa.localclouds.azure_cloud"].add("cspm_opa.localclouds.azure_demo")
    (component,) = cycles(graph)
    assert {"cspm_opa.localclouds.azure_cloud", "cspm_opa.localclouds.azure_demo"} <= set(component)


def test_from_package_import_submodule_points_at_the_submodule() -> None:
    graph = import_graph()
    # normalize/gcp/snapshot.py: "from cspm_opa.normalize.gcp import analytics, ..."
    assert "cspm_opa.normalize.gcp.analytics" in graph["cspm_opa.normalize.gcp.snapshot"]
    assert "cspm_opa.normalize.gcp" not in graph["cspm_opa.normalize.gcp.snapshot"]
