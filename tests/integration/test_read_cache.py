"""The read cache: answers are reused until a load switches a release, then dropped."""

from __future__ import annotations

import httpx
import pytest

from graph_api.ingest.kinds import load
from graph_api.store.graph import Graph
from loaders.errors import LoadError
from tests.data import FIXTURES
from tests.integration.support import PRIMARY_QUERY, gql


async def test_a_new_release_replaces_cached_answers(empty_graph: Graph, client: httpx.AsyncClient) -> None:
    assert (await gql(client, PRIMARY_QUERY))["data"]["code"] is None  # cached: no such code yet
    await load(empty_graph, "sample")
    body = await gql(client, PRIMARY_QUERY)
    assert body["data"]["code"]["primaryCodes"] == [{"code": "97550", "system": "CPT", "addOnType": 1}]


async def test_a_failed_load_keeps_the_cache_and_the_answers(sample_graph: Graph, client: httpx.AsyncClient) -> None:
    before = await gql(client, PRIMARY_QUERY)
    with pytest.raises(LoadError):
        await load(sample_graph, "aoc", [FIXTURES / "aoc_bad_date.csv"])
    assert await gql(client, PRIMARY_QUERY) == before
