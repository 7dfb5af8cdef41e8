"""Graph model v1 is created idempotently; every statement in cypher/ is well-formed and named."""

from __future__ import annotations

import re

from graph_api.cypher import CypherLibrary, used_params
from graph_api.graph import Graph
from graph_api.model import init_schema
from graph_api.settings import REPO_ROOT, Settings

VERBS = {"get", "create", "merge", "set", "delete", "switch", "call"}
INLINE_CYPHER = re.compile(r"""["'](MATCH|MERGE|UNWIND|CREATE|CALL|RETURN|OPTIONAL MATCH) """)


async def test_init_is_idempotent(empty_graph: Graph) -> None:
    first = await init_schema(empty_graph)
    second = await init_schema(empty_graph)
    assert first == second and "create_constraint_code_key" in first


def test_every_statement_declares_its_params_and_index(settings: Settings) -> None:
    library = CypherLibrary(settings.cypher_dir)
    for name, statement in library.items():
        verb = name.split("_", 1)[0]
        assert verb in VERBS, f"{name}: name is <verb>_<noun> with verb in {sorted(VERBS)}"
        assert statement.index, f"{name}: header must name the index it relies on"
        assert statement.params == used_params(statement.text), f"{name}: // params must list what it uses"


def test_no_cypher_in_python() -> None:
    for folder in ("graph_api", "schema", "loaders"):
        for path in (REPO_ROOT / folder).rglob("*.py"):
            assert not INLINE_CYPHER.search(path.read_text()), f"{path}: Cypher belongs in cypher/*.cypher"


def test_schema_package_is_framework_neutral() -> None:
    forbidden = re.compile(r"^\s*(import|from)\s+(neo4j|redis|starlette)\b", re.M)
    for path in (REPO_ROOT / "schema").rglob("*.py"):
        assert not forbidden.search(path.read_text()), f"{path} imports a framework"
