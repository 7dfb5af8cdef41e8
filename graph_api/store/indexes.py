"""Graph model set-up: constraints and indexes, created idempotently (`graph-api db init`)."""

from __future__ import annotations

from graph_api.store.graph import Graph

_ORDER = ("delete_index_", "create_constraint_", "create_index_", "create_fulltext_")


def schema_statements(names: list[str]) -> list[str]:
    return [name for prefix in _ORDER for name in sorted(names) if name.startswith(prefix)]


async def ensure_graph_model(graph: Graph) -> list[str]:
    """Creates what is missing and waits until every index is online; returns the statements run."""
    names = schema_statements(list(graph.cypher))
    for name in names:
        await graph.write(name)
    await graph.write("call_await_indexes")
    return names
