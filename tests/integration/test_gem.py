"""CMS GEMs: the four directions, five flags, no-map facts and combinations."""

from __future__ import annotations

import httpx
import pytest

from graph_api.ingest.kinds import load
from graph_api.store.graph import Graph
from tests.data import shared
from tests.integration.support import gql

CROSSWALK = """query($s: CodeSystem!, $c: String!, $to: CodeSystem!) {
  code(system: $s, code: $c) { crosswalks(to: $to) { code approximate noMap combination scenario choiceList } }
}"""


@pytest.mark.shared_data
async def test_real_gems_answer(empty_graph: Graph, client: httpx.AsyncClient) -> None:
    await load(empty_graph, "gem", [shared("gems/2018_I10gem.txt"), shared("gems/2018_I9gem.txt")])
    entries = (await gql(client, CROSSWALK, s="ICD10CM", c="I25.111", to="ICD9CM"))["data"]["code"]["crosswalks"]
    assert entries == [
        {"code": "41401", "approximate": True, "noMap": False, "combination": True, "scenario": 1, "choiceList": 1},
        {"code": "4139", "approximate": True, "noMap": False, "combination": True, "scenario": 1, "choiceList": 2},
    ]
    entries = (await gql(client, CROSSWALK, s="ICD9CM", c="25000", to="ICD10CM"))["data"]["code"]["crosswalks"]
    assert [e["code"] for e in entries] == ["E119"]
    entries = (await gql(client, CROSSWALK, s="ICD9CM", c="7796", to="ICD10CM"))["data"]["code"]["crosswalks"]
    assert entries == [
        {"code": None, "approximate": True, "noMap": True, "combination": False, "scenario": 0, "choiceList": 0}
    ]
    assert (await gql(client, '{ code(system: ICD10CM, code: "NoDx") { code } }'))["data"]["code"] is None
    display = await gql(client, '{ code(system: ICD9CM, code: "250.00") { code display } }')
    assert display["data"]["code"] == {"code": "25000", "display": "250.00"}
    # Two hops: ICD-9 414.01 -> I25.10 -> 429.2 (the forward and backward GEMs together); analysts' bulk form.
    hops = """{ code(system: ICD9CM, code: "414.01") { crosswalks(to: ICD9CM, maxHops: 2) {
      code hopCount approximate hops { fromCode code } } } }"""
    reached = {e["code"]: e for e in (await gql(client, hops))["data"]["code"]["crosswalks"]}
    assert reached["4292"]["hopCount"] == 2 and reached["4292"]["approximate"] is True
    assert reached["4292"]["hops"] == [{"fromCode": "41401", "code": "I2510"}, {"fromCode": "I2510", "code": "4292"}]
    assert "41401" not in reached  # a path never comes back to where it started
    bulk = """query($refs: [CodeRef!]!, $to: CodeSystem!) { crosswalk(from: $refs, to: $to) {
      source { code } noMap singleTargets { code } combinations { scenario choiceLists { choiceList entries { code } } } } }"""
    [i25111] = (await gql(client, bulk, refs=[{"system": "ICD10CM", "code": "I25.111"}], to="ICD9CM"))["data"][
        "crosswalk"
    ]
    assert i25111["singleTargets"] == [] and i25111["combinations"] == [
        {
            "scenario": 1,
            "choiceLists": [
                {"choiceList": 1, "entries": [{"code": "41401"}]},
                {"choiceList": 2, "entries": [{"code": "4139"}]},
            ],
        }
    ]
    refs = [{"system": "ICD9CM", "code": "779.6"}, {"system": "ICD9CM", "code": "250.00"}]
    nodx, diabetes = (await gql(client, bulk, refs=refs, to="ICD10CM"))["data"]["crosswalk"]
    assert nodx == {"source": {"code": "7796"}, "noMap": True, "singleTargets": [], "combinations": []}
    assert diabetes == {
        "source": {"code": "25000"},
        "noMap": False,
        "singleTargets": [{"code": "E119"}],
        "combinations": [],
    }
