"""The sample graph: loads idempotently, stays within its promises (own words, no AMA text)."""

from __future__ import annotations

import httpx

from graph_api.graph import Graph
from graph_api.loading import load
from loaders.sample import parse_sample
from tests.conftest import gql, graph_counts


async def test_loading_the_sample_twice_creates_nothing(empty_graph: Graph) -> None:
    first = await load(empty_graph, "sample")
    after_first = await graph_counts(empty_graph)
    second = await load(empty_graph, "sample")
    assert first[0].rows > 0 and not first[0].unchanged
    assert all(s.unchanged for s in second) and [s.release_id for s in second] == [f.release_id for f in first]
    assert await graph_counts(empty_graph) == after_first


def test_sample_size_and_content() -> None:
    sample = parse_sample()
    assert 50 <= len(sample.codes) + len(sample.modifiers) <= 150
    systems = {c["system"] for c in sample.codes}
    assert {"CPT", "HCPCS", "ICD10CM", "ICD9CM"} <= systems
    assert {m["code"] for m in sample.modifiers} >= {"25", "59", "XE", "XS", "XP", "XU", "LT", "RT"}
    assert all("long" not in c for c in sample.codes), "a sample CPT code must not carry a long descriptor"


async def test_cpt_long_description_stays_empty(sample_graph: Graph, client: httpx.AsyncClient) -> None:
    query = '{ code(system: CPT, code: "97550") { shortDescription plainDescription longDescription } }'
    body = await gql(client, query)
    code = body["data"]["code"]
    assert code["longDescription"] is None
    assert code["shortDescription"] and code["plainDescription"]
