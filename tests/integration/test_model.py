"""Graph model v1 is created idempotently; every statement in cypher/ is well-formed and named."""

from __future__ import annotations

from graph_api.settings import Settings
from graph_api.store.graph import Graph
from graph_api.store.indexes import ensure_graph_model
from graph_api.store.statements import CypherLibrary, used_params

VERBS = {"get", "create", "merge", "set", "delete", "switch", "call"}


async def test_init_is_idempotent(empty_graph: Graph) -> None:
    first = await ensure_graph_model(empty_graph)
    second = await ensure_graph_model(empty_graph)
    assert first == second and "create_constraint_code_key" in first


def test_every_statement_declares_its_params_and_index(settings: Settings) -> None:
    library = CypherLibrary()
    for name, statement in library.items():
        verb = name.split("_", 1)[0]
        assert verb in VERBS, f"{name}: name is <verb>_<noun> with verb in {sorted(VERBS)}"
        assert statement.index, f"{name}: header must name the index it relies on"
        assert statement.params == used_params(statement.text), f"{name}: // params must list what it uses"
