"""The sample graph: loads idempotently, stays within its promises (own words, no AMA text)."""

from __future__ import annotations

import httpx

from graph_api.ingest.kinds import load
from graph_api.store.graph import Graph
from tests.integration.support import gql, graph_counts


async def test_loading_the_sample_twice_creates_nothing(empty_graph: Graph) -> None:
    first = await load(empty_graph, "sample")
    after_first = await graph_counts(empty_graph)
    second = await load(empty_graph, "sample")
    assert first[0].rows > 0 and not first[0].unchanged
    assert all(s.unchanged for s in second) and [s.release_id for s in second] == [f.release_id for f in first]
    assert await graph_counts(empty_graph) == after_first


async def test_cpt_long_description_stays_empty(sample_graph: Graph, client: httpx.AsyncClient) -> None:
    query = '{ code(system: CPT, code: "97550") { shortDescription plainDescription longDescription } }'
    body = await gql(client, query)
    code = body["data"]["code"]
    assert code["longDescription"] is None
    assert code["shortDescription"] and code["plainDescription"]
