"""NCCI add-on code edits: parsing the CMS shapes, loading, dates of service, failures that change nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import httpx
import pytest
from openpyxl import Workbook

from graph_api.graph import Graph
from graph_api.loading import load
from loaders.aoc import parse_aoc
from loaders.errors import LoadError
from tests.conftest import FIXTURES, gql, graph_counts, shared

AOC_XLSX = "ncci_aoc/AOC_V2026Q2-MCR.xlsx"
AOC_CSV = "ncci_aoc/AOC_V2026Q2-MCR.converted.csv"


def test_parse_csv_fixture() -> None:
    edits = list(parse_aoc(FIXTURES / "aoc_v1.csv"))
    assert len(edits) == 9
    first = edits[0]
    assert (first.add_on, first.primary, first.type, first.effective) == ("97551", "97550", 1, date(2024, 1, 1))
    assert first.line == 2
    deleted = edits[4]
    assert deleted.deletion == date(2022, 12, 31) and deleted.add_on_deletion == date(2022, 12, 31)
    assert edits[7].primary == "CCCCC" and edits[7].notes == "Contractor Defined Primary Codes"
    assert edits[8].notes and '"Chapter 12"' in edits[8].notes


def test_parse_xlsx_with_notice_row(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["CPT codes, descriptions and other data only are copyright the AMA. All rights reserved."])
    sheet.append(
        [
            "AOC_Edit_Type",
            "Add-On_Code",
            "AOC_DelDT",
            "Primary_Code",
            "Primary_Code_DelDT",
            "AOC_Edit_EffDT",
            "AOC_Edit_DelDT",
            "Special_Instruction_Notes",
        ]
    )
    sheet.append(["1", "97551", None, "97550", None, "2024001", None, None])
    sheet.append(["1", "01953", None, "01951", None, "2013091", "2025274", None])
    path = tmp_path / "AOC_TEST.xlsx"
    book.save(path)
    edits = list(parse_aoc(path))
    assert [(e.add_on, e.primary, e.line) for e in edits] == [("97551", "97550", 3), ("01953", "01951", 4)]
    assert edits[1].deletion == date(2025, 10, 1)


def test_bad_date_names_file_line_and_field() -> None:
    with pytest.raises(LoadError) as caught:
        list(parse_aoc(FIXTURES / "aoc_bad_date.csv"))
    error = caught.value
    assert error.line == 4 and error.field == "AOC_Edit_EffDT" and error.got == "2024-13-01"
    assert "aoc_bad_date.csv, line 4" in str(error) and "YYYYDDD" in str(error)


@pytest.mark.shared_data
def test_real_workbook_and_csv_agree() -> None:
    from_xlsx = list(parse_aoc(shared(AOC_XLSX)))
    from_csv = list(parse_aoc(shared(AOC_CSV)))
    assert len(from_xlsx) == len(from_csv) == 9000
    strip = [(e.add_on, e.primary, e.type, e.effective, e.deletion, e.notes) for e in from_xlsx]
    assert strip == [(e.add_on, e.primary, e.type, e.effective, e.deletion, e.notes) for e in from_csv]
    types = [e.type for e in from_xlsx]
    assert (types.count(1), types.count(2), types.count(3)) == (8293, 47, 660)
    assert sum(e.primary == "CCCCC" for e in from_xlsx) == 55
    assert sum(e.deletion is None for e in from_xlsx) == 7740
    assert len({e.add_on for e in from_xlsx}) == 830


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
