"""ICD-10-CM index XMLs (drug, neoplasm, external cause) and ICD-10-CM/PCS addenda, each a release of its own."""

from __future__ import annotations

import httpx
import pytest

from graph_api.ingest.kinds import load
from graph_api.store.graph import Graph
from loaders.addenda import parse_addenda
from loaders.errors import LoadError
from tests.data import FIXTURES, shared
from tests.integration.support import gql, graph_counts

SEARCH = """query($t: String!, $n: Int) { searchCodes(text: $t, systems: [ICD10CM], first: $n) {
  totalCount edges { node { code } } } }"""


async def test_search_reaches_codes_through_the_index(empty_graph: Graph, client: httpx.AsyncClient) -> None:
    [summary] = await load(empty_graph, "icd10cm", [FIXTURES / "icd10cm_drug_fixture.xml"])
    assert summary.source == "icd10cm_index/drug" and summary.rows == 6
    body = await gql(client, SEARCH, t="acetaminophen", n=10)
    found = [e["node"]["code"] for e in body["data"]["searchCodes"]["edges"]]
    assert sorted(found) == ["T391X1", "T391X2", "T391X5"] and body["data"]["searchCodes"]["totalCount"] == 3
    body = await gql(client, SEARCH, t="acetaminophen adverse effect", n=10)
    assert [e["node"]["code"] for e in body["data"]["searchCodes"]["edges"]] == ["T391X5"]
    entries = '{ code(system: ICD10CM, code: "T39.1X5") { indexEntries { index path heading named } } }'
    assert (await gql(client, entries))["data"]["code"]["indexEntries"] == [
        {"index": "drug", "path": "Acetaminophen", "heading": "Adverse effect", "named": "T39.1X5"}
    ]
    before = await graph_counts(empty_graph)
    with pytest.raises(LoadError):
        await load(empty_graph, "icd10cm", [FIXTURES / "icd10cm_drug_bad_cell.xml"])
    assert await graph_counts(empty_graph) == before  # nothing half-written; the first release still answers
    assert (await gql(client, SEARCH, t="acetaminophen", n=10))["data"]["searchCodes"]["totalCount"] == 3


async def test_real_index_tables(empty_graph: Graph, client: httpx.AsyncClient) -> None:
    files = [shared(f"icd10cm/icd10cm_{name}_2019.xml") for name in ("drug", "neoplasm", "eindex")]
    summaries = await load(empty_graph, "icd10cm", files)
    assert {s.source: s.rows for s in summaries} == {
        "icd10cm_index/drug": 39970,
        "icd10cm_index/neoplasm": 9018,
        "icd10cm_index/eindex": 6222,
    }
    body = await gql(client, SEARCH, t="acetaminophen", n=20)
    found = {e["node"]["code"] for e in body["data"]["searchCodes"]["edges"]}
    assert {f"T391X{n}" for n in range(1, 7)} <= found
    body = await gql(client, SEARCH, t="neoplasm of colon", n=12)
    found = {e["node"]["code"] for e in body["data"]["searchCodes"]["edges"]}
    assert {"C189", "C785", "D010", "D126", "D374", "D490"} <= found  # the colon row of the Neoplasm Table
    again = await load(empty_graph, "icd10cm", files)
    assert all(s.unchanged for s in again)


async def test_addenda_apply_as_a_release(empty_graph: Graph, client: httpx.AsyncClient) -> None:
    await load(empty_graph, "icd10cm", [FIXTURES / "icd10cm_order.txt"])
    [summary] = await load(empty_graph, "icd10cm", [FIXTURES / "icd10cm-order-addenda-2099.txt"])
    assert summary.source == "icd10cm_addenda" and summary.counts["added"] == 1 and summary.counts["closed"] == 1
    query = """query($c: String!, $d: Date) { code(system: ICD10CM, code: $c, asOf: $d) {
      code isBillable longDescription addedDate terminationDate parent { code } } }"""
    new = (await gql(client, query, c="A04.73", d="2099-01-01"))["data"]["code"]
    assert new == {
        "code": "A0473",
        "isBillable": True,
        "longDescription": "Made-up test code added by the fixture addenda, long title",
        "addedDate": "2098-10-01",
        "terminationDate": None,
        "parent": {"code": "A047"},
    }
    assert (await gql(client, query, c="A04.73", d="2098-09-30"))["data"]["code"] is None  # not yet in effect
    deleted = (await gql(client, query, c="A04.8", d="2098-09-30"))["data"]["code"]
    assert deleted["terminationDate"] == "2098-09-30"
    assert (await gql(client, query, c="A04.8", d="2098-10-01"))["data"]["code"] is None
    kept = (await gql(client, query, c="A04.7", d="2099-01-01"))["data"]["code"]
    assert kept["terminationDate"] is None and kept["isBillable"] is False  # deleted, then added back as a header
    revised = (await gql(client, query, c="A04.72", d="2099-01-01"))["data"]["code"]
    assert revised["longDescription"] == "Revised long title of the fixture"
    untouched = await gql(client, '{ code(system: ICD10CM, code: "A04.71") { code } }')
    assert untouched["data"]["code"] == {"code": "A0471"}


async def test_real_addenda_2023(empty_graph: Graph, client: httpx.AsyncClient) -> None:
    path = shared("icd10cm/icd10cm-order-addenda-2023.txt")
    changes = list(parse_addenda(path))
    deleted = {c.code for c in changes if c.action == "delete"}
    back = {c.code for c in changes if c.action == "add"} & deleted  # a billable code turned header: B373, D593
    assert len(deleted) == 287 and {"B373", "D593"} <= back
    [summary] = await load(empty_graph, "icd10cm", [path])
    assert summary.counts["closed"] == len(deleted - back) == 251
    query = """query($c: String!) { code(system: ICD10CM, code: $c, asOf: "2023-01-01") {
      isBillable longDescription terminationDate } }"""
    assert (await gql(client, query, c="B37.3"))["data"]["code"]["isBillable"] is False
    assert (await gql(client, query, c="B37.31"))["data"]["code"]["isBillable"] is True
    c844 = (await gql(client, query, c="C84.4"))["data"]["code"]
    assert c844["longDescription"] == "Peripheral T-cell lymphoma, not elsewhere classified"
