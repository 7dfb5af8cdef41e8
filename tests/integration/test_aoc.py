"""NCCI add-on code edits: parsing the CMS shapes, loading, dates of service, failures that change nothing."""

from __future__ import annotations

import httpx
import pytest

from graph_api.ingest.kinds import load
from graph_api.store.graph import Graph
from loaders.errors import LoadError
from tests.data import FIXTURES, shared
from tests.integration.support import gql, graph_counts

AOC_XLSX = "ncci_aoc/AOC_V2026Q2-MCR.xlsx"


@pytest.mark.shared_data
async def test_real_file_answers(empty_graph: Graph, client: httpx.AsyncClient) -> None:
    await load(empty_graph, "aoc", [shared(AOC_XLSX)])
    body = await gql(
        client, '{ code(system: CPT, code: "97551") { isAddOn primaryCodes { code addOnType effectiveDate } } }'
    )
    assert body["data"]["code"] == {
        "isAddOn": True,
        "primaryCodes": [{"code": "97550", "addOnType": 1, "effectiveDate": "2024-01-01"}],
    }
    body = await gql(client, '{ code(system: CPT, code: "22614") { primaryCodes { code system addOnType } } }')
    primaries = {p["code"] for p in body["data"]["code"]["primaryCodes"]}
    assert len(primaries) == 5 and {"22600", "22610", "22612", "22630"} <= primaries
    body = await gql(client, '{ code(system: CPT, code: "20930") { primaryCodes { code } } }')
    assert len({p["code"] for p in body["data"]["code"]["primaryCodes"]}) == 23
    query = 'query($d: Date) { code(system: CPT, code: "99356") { primaryCodes(asOf: $d) { code } } }'
    assert len((await gql(client, query, d="2022-12-31"))["data"]["code"]["primaryCodes"]) > 0
    assert (await gql(client, query, d="2023-01-01"))["data"]["code"]["primaryCodes"] == []
    body = await gql(client, '{ code(system: CPT, code: "0054T") { isAddOn contractorDefinedPrimaries } }')
    assert body["data"]["code"] == {"isAddOn": True, "contractorDefinedPrimaries": True}
    body = await gql(
        client, '{ code(system: CPT, code: "97550") { addOnCodes(asOf: "2025-06-01") { code addOnType } } }'
    )
    assert {"code": "97551", "addOnType": 1} in body["data"]["code"]["addOnCodes"]
    before = await graph_counts(empty_graph)
    again = await load(empty_graph, "aoc", [shared(AOC_XLSX)])
    assert again[0].unchanged and await graph_counts(empty_graph) == before


async def test_failed_load_leaves_the_previous_release(empty_graph: Graph, client: httpx.AsyncClient) -> None:
    first = await load(empty_graph, "aoc", [FIXTURES / "aoc_v1.csv"])
    before = await graph_counts(empty_graph)
    with pytest.raises(LoadError, match=r"aoc_bad_date.csv, line 4: field 'AOC_Edit_EffDT'"):
        await load(empty_graph, "aoc", [FIXTURES / "aoc_bad_date.csv"])
    assert await graph_counts(empty_graph) == before
    current = await empty_graph.read("get_current_release", source="ncci_aoc")
    assert current[0]["id"] == first[0].release_id
    body = await gql(client, '{ code(system: CPT, code: "22614") { primaryCodes { code } } }')
    assert {p["code"] for p in body["data"]["code"]["primaryCodes"]} == {"22600", "22612"}


async def test_new_release_replaces_the_old_edits(empty_graph: Graph, client: httpx.AsyncClient) -> None:
    await load(empty_graph, "aoc", [FIXTURES / "aoc_v1.csv"])
    await load(empty_graph, "aoc", [FIXTURES / "aoc_v2.csv"])
    body = await gql(client, '{ code(system: CPT, code: "22614") { primaryCodes { code release } } }')
    assert body["data"]["code"]["primaryCodes"] == [{"code": "22600", "release": "aoc_v2"}]
    releases = [r["release"] for r in await empty_graph.read("get_releases")]
    assert [(r["label"], r["status"]) for r in releases] == [("aoc_v2", "current"), ("aoc_v1", "superseded")]


async def test_same_edit_from_sample_and_official_release_is_one_answer(
    sample_graph: Graph, client: httpx.AsyncClient
) -> None:
    await load(sample_graph, "aoc", [FIXTURES / "aoc_v1.csv"])  # also states 97551 -> 97550 from 2024-01-01
    body = await gql(client, '{ code(system: CPT, code: "97551") { primaryCodes { code effectiveDate release } } }')
    assert body["data"]["code"]["primaryCodes"] == [
        {"code": "97550", "effectiveDate": "2024-01-01", "release": "aoc_v1"}
    ]
