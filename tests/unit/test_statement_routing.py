"""Cluster routing: reads (get_*) run as read transactions and must not write; writes never go to readers."""

from __future__ import annotations

import re

import pytest

from graph_api.settings import Settings
from graph_api.store.graph import READ_PREFIX, Graph
from graph_api.store.statements import CypherLibrary

WRITE_CLAUSE = re.compile(r"\b(CREATE|MERGE|SET|DELETE|DETACH|REMOVE|FOREACH|LOAD\s+CSV)\b", re.IGNORECASE)
LIBRARY = CypherLibrary()
READS = sorted(n for n in LIBRARY if n.startswith(READ_PREFIX))


def _code(text: str) -> str:
    return "\n".join(line.split("//", 1)[0] for line in text.splitlines())


@pytest.mark.parametrize("name", READS)
def test_a_read_statement_writes_nothing(name: str) -> None:
    assert not WRITE_CLAUSE.search(_code(LIBRARY.text(name))), f"{name} is a get_* statement but writes"


def test_there_are_reads_to_check() -> None:
    assert len(READS) > 10


async def test_read_and_write_refuse_the_other_kind() -> None:
    graph = Graph(Settings(neo4j_uri="neo4j://127.0.0.1:1"))  # never connected: the guard answers first
    try:
        with pytest.raises(ValueError, match="not a read statement"):
            await graph.read("create_release")
        with pytest.raises(ValueError, match="is a read statement"):
            await graph.write("get_codes")
    finally:
        await graph.close()
