"""NCCI PTP and MUE tables: official shapes, parts of one release, staged loads that fail cleanly."""

from __future__ import annotations

import httpx
import pytest

from graph_api.ingest.kinds import load
from graph_api.settings import Settings
from graph_api.store.graph import Graph
from loaders.errors import LoadError
from loaders.mue import parse_mue
from tests.data import FIXTURES, shared
from tests.integration.support import gql, graph_counts

PTP_EXCERPT = "ncci_ptp/ccipra-v322r0-f1.excerpt.txt"


MUE_EXCERPT = "ncci_mue/MCR_MUE_PractitionerServices_Eff_07-01-2026.excerpt.csv"


EDITS = """query($c: String!, $d: Date, $role: PtpRole = ANY) {
  code(system: CPT, code: $c) {
    ptpEdits(setting: PRACTITIONER, asOf: $d, role: $role) {
      column1 column2 modifierIndicator effectiveDate deletionDate rationale prior1996
    }
  }
}"""


async def test_parts_load_as_one_release_and_answer(empty_graph: Graph, client: httpx.AsyncClient) -> None:
    summaries = await load(empty_graph, "ptp", [FIXTURES / "ptp_part1.txt", FIXTURES / "ptp_part2.txt"])
    assert len(summaries) == 1 and summaries[0].rows == 8
    edits = (await gql(client, EDITS, c="0001A", d="2022-06-01"))["data"]["code"]["ptpEdits"]
    assert [(e["column2"], e["modifierIndicator"]) for e in edits] == [("36591", 0), ("99211", 1)]
    # G0008's window was deleted the day it took effect (and its indicator is 9): never in effect.
    assert (await gql(client, EDITS, c="0001A", d="2022-01-01"))["data"]["code"]["ptpEdits"][-1]["column2"] == "99211"
    assert (await gql(client, EDITS, c="0001A", d="2024-01-01"))["data"]["code"]["ptpEdits"] == []
    as_column2 = (await gql(client, EDITS, c="36000", d="2024-01-01", role="COLUMN2"))["data"]["code"]["ptpEdits"]
    assert [(e["column1"], e["column2"]) for e in as_column2] == [("99291", "36000")]
    none_as_column1 = await gql(client, EDITS, c="36000", d="2024-01-01", role="COLUMN1")
    assert none_as_column1["data"]["code"]["ptpEdits"] == []


async def test_staged_load_that_fails_leaves_the_previous_release(
    empty_graph: Graph, settings: Settings, client: httpx.AsyncClient
) -> None:
    first = await load(empty_graph, "ptp", [FIXTURES / "ptp_part2.txt"])
    before = await graph_counts(empty_graph)
    # Small batches and two writers: several batches are committed before the bad line is reached.
    small = Graph(settings.model_copy(update={"load_batch_size": 2}), empty_graph.cypher)
    try:
        with pytest.raises(LoadError, match=r"ptp_bad_indicator.txt, line 11: field 'Modifier'"):
            await load(small, "ptp", [FIXTURES / "ptp_bad_indicator.txt"])
    finally:
        await small.close()
    assert await graph_counts(empty_graph) == before
    assert await empty_graph.read("get_unfinished_releases", source="ncci_ptp/practitioner") == []
    current = await empty_graph.read("get_current_release", source="ncci_ptp/practitioner")
    assert current[0]["id"] == first[0].release_id
    assert (await gql(client, EDITS, c="0001A", d="2022-06-01"))["data"]["code"] is None


@pytest.mark.shared_data
async def test_real_ptp_excerpt_answers(empty_graph: Graph, client: httpx.AsyncClient) -> None:
    await load(empty_graph, "ptp", [shared(PTP_EXCERPT)], setting="practitioner")
    edits = (await gql(client, EDITS, c="0001A", d="2022-06-01"))["data"]["code"]["ptpEdits"]
    pair = next(e for e in edits if e["column2"] == "36591")
    assert pair == {
        "column1": "0001A",
        "column2": "36591",
        "modifierIndicator": 0,
        "effectiveDate": "2022-01-01",
        "deletionDate": "2023-12-31",
        "rationale": "CPT Manual or CMS manual coding instruction",
        "prior1996": False,
    }
    assert all(e["column2"] != "G0008" for e in edits)
    open_edit = (await gql(client, EDITS, c="0001U", d="2026-11-01"))["data"]["code"]["ptpEdits"]
    assert any(e["column2"] == "0030U" and e["deletionDate"] is None and e["modifierIndicator"] == 1 for e in open_edit)
    old = (await gql(client, EDITS, c="0001T", d="2003-01-01"))["data"]["code"]["ptpEdits"]
    assert any(e["column2"] == "36000" and e["rationale"] == "Standards of medical/surgical practice" for e in old)
    # The same edits, a page at a time: no gaps, no repeats, the count of them all on every page.
    page = """query($a: String) { code(system: CPT, code: "0001A", asOf: "2022-06-01") {
      ptpEditPage(first: 7, after: $a) { totalCount edges { cursor node { column1 column2 effectiveDate } }
        pageInfo { hasNextPage endCursor } } } }"""
    seen, after, pages = [], None, 0
    while True:
        connection = (await gql(client, page, a=after))["data"]["code"]["ptpEditPage"]
        seen += [(e["node"]["column2"], e["node"]["effectiveDate"]) for e in connection["edges"]]
        pages += 1
        if not connection["pageInfo"]["hasNextPage"]:
            break
        after = connection["pageInfo"]["endCursor"]
    assert seen == [(e["column2"], e["effectiveDate"]) for e in edits] and len(set(seen)) == len(seen)
    assert connection["totalCount"] == len(edits) and pages == -(-len(edits) // 7) > 1


@pytest.mark.shared_data
async def test_real_mue_excerpt(empty_graph: Graph, client: httpx.AsyncClient) -> None:
    path = shared(MUE_EXCERPT)
    assert len(list(parse_mue(path))) == 44
    await load(empty_graph, "mue", [path])
    query = """query($c: String!) {
      code(system: CPT, code: $c) { mue(setting: PRACTITIONER) { value adjudicationIndicator rationale } }
    }"""
    assert (await gql(client, query, c="0001U"))["data"]["code"]["mue"] == {
        "value": 1,
        "adjudicationIndicator": 2,
        "rationale": "Code Descriptor / CPT Instruction",
    }
    assert (await gql(client, query, c="0009U"))["data"]["code"]["mue"] == {
        "value": 2,
        "adjudicationIndicator": 3,
        "rationale": "Nature of Analyte",
    }
    assert (await gql(client, query, c="0022U"))["data"]["code"]["mue"] == {
        "value": 2,
        "adjudicationIndicator": 3,
        "rationale": "Clinical: CMS Workgroup",
    }
