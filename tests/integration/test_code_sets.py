"""Code-set loaders: HCPCS, ICD-10-CM, ICD-10-PCS, ICD-9, CPT licensee files; history across releases."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import httpx
import pytest

from graph_api.ingest.kinds import load
from graph_api.store.graph import Graph
from loaders.icd10pcs import parse_icd10pcs
from tests.code_set_files import HCPCS_2018, tabular_xml, xlsx_twin
from tests.data import FIXTURES, shared
from tests.integration.support import gql, graph_counts


@pytest.mark.shared_data
async def test_real_hcpcs_over_graphql(empty_graph: Graph, client: httpx.AsyncClient) -> None:
    summary = (await load(empty_graph, "hcpcs", [shared(HCPCS_2018)]))[0]
    assert summary.counts["added"] == 6205
    query = """{ code(system: HCPCS, code: "G0008") {
      shortDescription longDescription coverageCode betos addedDate terminationDate releases { label } } }"""
    assert (await gql(client, query))["data"]["code"] == {
        "shortDescription": "Admin influenza virus vac",
        "longDescription": "Administration of influenza virus vaccine",
        "coverageCode": "C",
        "betos": "O1G",
        "addedDate": "1994-01-01",
        "terminationDate": None,
        "releases": [{"label": "HCPC2018_CONTR_ANWEB_disc"}],
    }
    modifier = (await gql(client, '{ modifier(code: "XE") { code description addedDate } }'))["data"]["modifier"]
    assert modifier == {
        "code": "XE",
        "addedDate": "2015-01-01",
        "description": "Separate encounter, a service that is distinct because it occurred during a separate encounter",
    }
    assert (await gql(client, '{ modifier(code: "ZZ") { code } }'))["data"]["modifier"] is None
    assert (await gql(client, '{ code(system: CPT, code: "G0008") { code } }'))["data"]["code"] is None


async def test_new_release_closes_dropped_codes(empty_graph: Graph, client: httpx.AsyncClient) -> None:
    await load(empty_graph, "icd10cm", [FIXTURES / "icd10cm_order.txt"])
    second = (await load(empty_graph, "icd10cm", [FIXTURES / "icd10cm_order_v2.txt"]))[0]
    assert second.counts["closed"] == 1 and second.counts["added"] == 0
    body = await gql(client, '{ code(system: ICD10CM, code: "A04.8") { code terminationDate } }')
    assert body["data"]["code"]["terminationDate"] == date.today().isoformat()  # closed, never deleted
    body = await gql(client, '{ code(system: ICD10CM, code: "A04.72") { terminationDate parent { code } } }')
    assert body["data"]["code"] == {"terminationDate": None, "parent": {"code": "A047"}}


async def test_tabular_over_graphql(empty_graph: Graph, client: httpx.AsyncClient) -> None:
    await load(empty_graph, "icd10cm", [tabular_xml()])
    query = '{ code(system: ICD10CM, code: "E11.65") { code display isBillable parent { code } ancestors { code } children { code } } }'
    assert (await gql(client, query))["data"]["code"] == {
        "code": "E1165",
        "display": "E11.65",
        "isBillable": True,
        "parent": {"code": "E116"},
        "ancestors": [{"code": "E116"}, {"code": "E11"}, {"code": "E08-E13"}, {"code": "CH04"}],
        "children": [],
    }
    query = '{ code(system: ICD10CM, code: "E1165") { excludes1 { code display } codeFirst { code } useAdditionalCode { code } } }'
    code = (await gql(client, query))["data"]["code"]
    assert {"code": "E10", "display": "E10"} in code["excludes1"]  # inherited from category E11
    assert {"code": "Z794"} in code["useAdditionalCode"]
    query = (
        '{ code(system: ICD10CM, code: "E1165") { notes(kinds: [EXCLUDES1]) { fromCode level inherited targetCode } } }'
    )
    notes = (await gql(client, query))["data"]["code"]["notes"]
    assert {"fromCode": "E11", "level": "category", "inherited": True, "targetCode": "E10"} in notes
    chapter_level = [n for n in notes if n["level"] == "chapter"]
    assert chapter_level and all(n["fromCode"] == "CH04" for n in chapter_level)
    search = "query($t: String!) { searchCodes(text: $t, systems: [ICD10CM], first: 5) { edges { node { code } } } }"
    top = (await gql(client, search, t="type 2 diabetes hyperglycemia"))["data"]["searchCodes"]["edges"]
    assert top[0]["node"]["code"] == "E1165"
    top = (await gql(client, search, t="E11.6"))["data"]["searchCodes"]["edges"]
    assert [e["node"]["code"] for e in top] == ["E116", "E1161", "E11610", "E11618", "E1162"]
    page = '{ code(system: ICD10CM, code: "CH04") { descendants(first: 3) { totalCount edges { node { code } } } } }'
    body = await gql(client, page)
    assert "errors" not in body, body
    descendants = body["data"]["code"]["descendants"]
    assert descendants["totalCount"] > 1000 and [e["node"]["code"] for e in descendants["edges"]] == [
        "E00",
        "E00-E07",
        "E000",
    ]
    before = await graph_counts(empty_graph)
    assert (await load(empty_graph, "icd10cm", [tabular_xml()]))[0].unchanged
    assert await graph_counts(empty_graph) == before


@pytest.mark.shared_data
async def test_real_icd10pcs(empty_graph: Graph, client: httpx.AsyncClient) -> None:
    path = shared("icd10pcs/icd10pcs_codes_2025.txt")
    entries = list(parse_icd10pcs(path))
    codes = [e for e in entries if e.kind == "code"]
    assert len(codes) == 78948 and sum(e.code.startswith("0") for e in codes) == 68367
    assert sum(e.code.startswith("B") for e in codes) == 2978
    await load(empty_graph, "icd10pcs", [path])
    query = '{ code(system: ICD10PCS, code: "0DTJ4ZZ") { longDescription ancestors { code kind shortDescription } } }'
    assert (await gql(client, query))["data"]["code"] == {
        "longDescription": "Resection of Appendix, Percutaneous Endoscopic Approach",
        "ancestors": [
            {"code": "0DT", "kind": "table", "shortDescription": "Resection"},
            {"code": "0D", "kind": "bodySystem", "shortDescription": None},
            {"code": "0", "kind": "section", "shortDescription": "Medical and Surgical"},
        ],
    }


async def test_cpt_descriptors_only_from_licensee_files(sample_graph: Graph, client: httpx.AsyncClient) -> None:
    query = '{ code(system: CPT, code: "97550") { longDescription shortDescription plainDescription } }'
    before = (await gql(client, query))["data"]["code"]
    assert before["longDescription"] is None
    files = [FIXTURES / n for n in ("LONGULT.txt", "SHORTU.txt", "ConsumerDescriptor.txt", "ClinicianDescriptor.txt")]
    await load(sample_graph, "cpt", files)
    after = (await gql(client, query))["data"]["code"]
    assert after["longDescription"] == "Made-up long descriptor for a caregiver training code (fixture)"
    assert after["shortDescription"] == "FIXTURE SHORT ONE"
    assert after["plainDescription"] == before["plainDescription"]  # ours, untouched
    described = '{ code(system: CPT, code: "97550") { status descriptions { kind text release { source } } } }'
    code = (await gql(client, described))["data"]["code"]
    assert code["status"] == "ACTIVE"
    assert [(d["kind"], d["release"]["source"]) for d in code["descriptions"]] == [
        ("SHORT", "cpt"),
        ("LONG", "cpt"),
        ("CONSUMER", "cpt"),
        ("PLAIN", "sample"),
    ]
    assert code["descriptions"][1]["text"] == after["longDescription"]


async def test_real_hcpcs_xlsx_twin_loads_like_the_text(
    empty_graph: Graph, client: httpx.AsyncClient, tmp_path: Path
) -> None:
    twin = xlsx_twin(shared(HCPCS_2018), tmp_path / "HCPC2018_CONTR_ANWEB.xlsx")
    [summary] = await load(empty_graph, "hcpcs", [twin])
    assert summary.counts["merge_code_set_codes"] == 6205 and summary.counts["merge_hcpcs_modifiers"] == 354
    body = await gql(client, '{ code(system: HCPCS, code: "G0008") { longDescription coverageCode betos } }')
    assert body["data"]["code"] == {
        "longDescription": "Administration of influenza virus vaccine",
        "coverageCode": "C",
        "betos": "O1G",
    }
