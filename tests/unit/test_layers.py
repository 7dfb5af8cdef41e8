"""Imports run one way: service -> schema and service -> loaders; never back, never in a circle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.data import ROOT

# A package may import only these (besides itself and third-party libraries).
ALLOWED = {
    "schema": set(),
    "loaders": set(),
    "cypher": set(),
    "graph_api": {"schema", "loaders", "cypher"},
}
# Inside the service: sub-packages that must not import the HTTP app or the operations tooling.
SERVICE_LOWER = {"graph_api.store", "graph_api.ingest", "graph_api.access"}
SERVICE_UPPER = ("graph_api.server", "graph_api.ops")


def _imports(path: Path) -> set[str]:
    """What a module imports at run time (imports for type checkers only cannot make a cycle)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING"):
            node.body = []
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            # `from schema import reads` imports the module schema.reads when there is one
            for alias in node.names:
                sub = ROOT / (node.module.replace(".", "/") + f"/{alias.name}.py")
                found.add(f"{node.module}.{alias.name}" if sub.exists() else node.module)
    return found


def _module(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_packages_import_only_downward(package: str) -> None:
    for path in (ROOT / package).rglob("*.py"):
        for name in _imports(path):
            top = name.split(".")[0]
            if top in ALLOWED and top != package:
                assert top in ALLOWED[package], f"{_module(path)} imports {name}: {package} may not import {top}"


def test_graph_access_and_ingest_do_not_import_the_app_or_the_cli() -> None:
    for lower in SERVICE_LOWER:
        for path in (ROOT / lower.replace(".", "/")).rglob("*.py"):
            upward = [n for n in _imports(path) if n.startswith(SERVICE_UPPER)]
            assert not upward, f"{_module(path)} imports {upward}"


def test_no_import_cycles_between_modules() -> None:
    graph: dict[str, set[str]] = {}
    for package in ALLOWED:
        for path in (ROOT / package).rglob("*.py"):
            graph[_module(path)] = set()
    for module in graph:
        path = ROOT / (module.replace(".", "/") + ".py")
        if not path.exists():
            path = ROOT / module.replace(".", "/") / "__init__.py"
        for name in _imports(path):
            while name and name not in graph:
                name = name.rpartition(".")[0]
            if name and name != module:
                graph[module].add(name)
    seen: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        seen[node] = 1
        for nxt in graph[node]:
            if seen.get(nxt) == 1:
                cycle = [*stack[stack.index(nxt) :], nxt] if nxt in stack else [node, nxt]
                raise AssertionError(f"import cycle: {' -> '.join(cycle)}")
            if nxt not in seen:
                visit(nxt, [*stack, nxt])
        seen[node] = 2

    for module in sorted(graph):
        if module not in seen:
            visit(module, [module])
