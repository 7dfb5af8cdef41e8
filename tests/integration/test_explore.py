"""Analyst traversals on the sample graph: descendants, related codes, multi-hop crosswalks, relation paths."""

from __future__ import annotations

import httpx

from graph_api.store.graph import Graph
from tests.integration.support import gql


async def test_descendants_page_through_every_level_without_gaps(
    sample_graph: Graph, client: httpx.AsyncClient
) -> None:
    query = """query($a: String) { code(system: ICD10CM, code: "E11") {
      descendants(first: 2, after: $a) { totalCount edges { cursor node { code } } pageInfo { hasNextPage endCursor } }
    } }"""
    seen: list[str] = []
    after = None
    while True:
        page = (await gql(client, query, a=after))["data"]["code"]["descendants"]
        seen += [e["node"]["code"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == sorted(seen) and len(seen) == len(set(seen)) == page["totalCount"]
    assert {"E116", "E1165", "E1169", "E119"} <= set(seen)  # children and grandchildren
    body = await gql(client, '{ code(system: ICD10CM, code: "E1165") { descendants { totalCount edges { cursor } } } }')
    assert body["data"]["code"]["descendants"] == {"totalCount": 0, "edges": []}


async def test_descendants_reject_a_foreign_cursor(sample_graph: Graph, client: httpx.AsyncClient) -> None:
    body = await gql(client, '{ code(system: ICD10CM, code: "E11") { descendants(after: "bm9wZQ==") { totalCount } } }')
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_related_codes_are_ranked_with_reasons(sample_graph: Graph, client: httpx.AsyncClient) -> None:
    query = """{ code(system: CPT, code: "97551") { relatedCodes(first: 5) {
      score code { system code } reasons { relation detail } } } }"""
    related = (await gql(client, query))["data"]["code"]["relatedCodes"]
    top = related[0]
    assert top["code"] == {"system": "CPT", "code": "97550"}
    assert {"relation": "PRIMARY_CODE", "detail": "add-on type 1"} in top["reasons"]
    assert [r["score"] for r in related] == sorted((r["score"] for r in related), reverse=True)
    body = await gql(
        client, '{ code(system: ICD10CM, code: "E1165") { relatedCodes { code { code } reasons { relation } } } }'
    )
    reasons = {r["code"]["code"]: {x["relation"] for x in r["reasons"]} for r in body["data"]["code"]["relatedCodes"]}
    assert reasons["E116"] == {"PARENT"} and reasons["25080"] == {"CROSSWALK"} and reasons["E1169"] == {"SIBLING"}


async def test_multi_hop_crosswalk_carries_the_approximate_flag(sample_graph: Graph, client: httpx.AsyncClient) -> None:
    query = """query($h: Int!) { code(system: ICD10CM, code: "E11.65") { crosswalks(to: ICD10CM, maxHops: $h) {
      code approximate hopCount hops { fromCode code approximate release } } } }"""
    assert (await gql(client, query, h=1))["data"]["code"]["crosswalks"] == []
    entries = (await gql(client, query, h=2))["data"]["code"]["crosswalks"]
    assert [(e["code"], e["hopCount"], e["approximate"]) for e in entries] == [("E1169", 2, True)]
    assert [(h["fromCode"], h["code"]) for h in entries[0]["hops"]] == [("E1165", "25080"), ("25080", "E1169")]
    body = await gql(client, query, h=4)
    assert body["errors"][0]["extensions"].pop("requestId")
    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "argument": "maxHops"}


async def test_crosswalk_keeps_combination_groups_together(sample_graph: Graph, client: httpx.AsyncClient) -> None:
    query = """query($h: Int!, $to: CodeSystem!) { crosswalk(from: [{system: ICD10CM, code: "I25.111"}], to: $to, maxHops: $h) {
      source { code } noMap approximate singleTargets { code }
      combinations { viaCode scenario choiceLists { choiceList entries { code hopCount } } } } }"""
    direct = (await gql(client, query, h=1, to="ICD9CM"))["data"]["crosswalk"]
    assert direct == [
        {
            "source": {"code": "I25111"},
            "noMap": False,
            "approximate": True,
            "singleTargets": [],
            "combinations": [
                {
                    "viaCode": "I25111",
                    "scenario": 1,
                    "choiceLists": [
                        {"choiceList": 1, "entries": [{"code": "41401", "hopCount": 1}]},
                        {"choiceList": 2, "entries": [{"code": "4139", "hopCount": 1}]},
                    ],
                }
            ],
        }
    ]
    # Back into ICD-10-CM through 41401: the combination the first hop belonged to stays attached to the path.
    back = (await gql(client, query, h=2, to="ICD10CM"))["data"]["crosswalk"][0]
    assert back["singleTargets"] == []
    assert back["combinations"][0]["choiceLists"] == [{"choiceList": 1, "entries": [{"code": "I2510", "hopCount": 2}]}]


async def test_crosswalk_names_unknown_sources(sample_graph: Graph, client: httpx.AsyncClient) -> None:
    query = """{ crosswalk(from: [{system: ICD9CM, code: "250.00"}, {system: ICD9CM, code: "999.99"}], to: ICD10CM) {
      source { code } singleTargets { code } } }"""
    body = await gql(client, query)
    error = body["errors"][0]
    assert error["extensions"].pop("requestId")
    assert error["extensions"] == {
        "code": "NOT_FOUND",
        "argument": "from",
        "unknown": [{"system": "ICD9CM", "code": "99999"}],
    }
    assert "ICD9CM 99999" in error["message"]
    ok = await gql(client, query.replace(', {system: ICD9CM, code: "999.99"}', ""))
    assert ok["data"]["crosswalk"] == [{"source": {"code": "25000"}, "singleTargets": [{"code": "E119"}]}]


async def test_explain_relation_gives_typed_steps_with_provenance(
    sample_graph: Graph, client: httpx.AsyncClient
) -> None:
    query = """query($f: CodeRef!, $t: CodeRef!, $h: Int) { explainRelation(from: $f, to: $t, maxHops: $h) {
      length steps { type start { code } end { code } reversed summary effectiveDate sourceFiles release { label } } } }"""
    body = await gql(client, query, f={"system": "CPT", "code": "97550"}, t={"system": "CPT", "code": "97551"})
    [path] = body["data"]["explainRelation"]
    assert path["length"] == 1
    step = path["steps"][0]
    assert (step["type"], step["start"]["code"], step["end"]["code"], step["reversed"]) == (
        "ADDON_OF",
        "97551",
        "97550",
        True,
    )
    assert step["effectiveDate"] == "2024-01-01" and step["release"]["label"] == "sample-2026.1"
    assert step["sourceFiles"] == ["sample.yaml"] and "type 1" in step["summary"]
    # E11.65 and E11.69: siblings under E11.6, and both mapped from ICD-9 250.80 (E11.65 -> 250.80 too).
    far = {"f": {"system": "ICD10CM", "code": "E11.65"}, "t": {"system": "ICD10CM", "code": "E11.69"}}
    paths = (await gql(client, query, **far, h=3))["data"]["explainRelation"]
    walks = sorted(tuple((s["type"], s["start"]["code"], s["end"]["code"]) for s in p["steps"]) for p in paths)
    assert walks == [
        (("CHILD_OF", "E1165", "E116"), ("CHILD_OF", "E1169", "E116")),
        (("MAPS_TO", "25080", "E1165"), ("MAPS_TO", "25080", "E1169")),
        (("MAPS_TO", "E1165", "25080"), ("MAPS_TO", "25080", "E1169")),
    ]
    assert (await gql(client, query, **far, h=1))["data"]["explainRelation"] == []


async def test_explain_relation_respects_the_date_of_service(sample_graph: Graph, client: httpx.AsyncClient) -> None:
    query = """query($d: Date) { explainRelation(from: {system: CPT, code: "0001A"}, to: {system: CPT, code: "36591"},
      maxHops: 1, asOf: $d) { steps { type effectiveDate deletionDate } } }"""
    during = (await gql(client, query, d="2023-06-01"))["data"]["explainRelation"]
    assert during == [{"steps": [{"type": "PTP", "effectiveDate": "2022-01-01", "deletionDate": "2023-12-31"}]}]
    assert (await gql(client, query, d="2024-06-01"))["data"]["explainRelation"] == []


async def test_explain_relation_input_errors(sample_graph: Graph, client: httpx.AsyncClient) -> None:
    query = """query($t: String!) { explainRelation(from: {system: CPT, code: "97550"}, to: {system: CPT, code: $t}) {
      length } }"""
    assert (await gql(client, query, t="97550"))["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    unknown = (await gql(client, query, t="00000"))["errors"][0]["extensions"]
    assert unknown["code"] == "NOT_FOUND" and unknown["unknown"] == [{"system": "CPT", "code": "00000"}]
