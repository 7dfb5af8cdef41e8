"""Physician Fee Schedule RVU file: global days and the modifiers its indicators allow."""

from __future__ import annotations

import httpx
import pytest

from graph_api.ingest.kinds import load
from graph_api.store.graph import Graph
from loaders.pfs import parse_pfs
from tests.data import FIXTURES, shared
from tests.integration.support import gql

QUERY = '{ code(system: CPT, code: "22614") { globalDays modifiers { code indicator } } }'


async def test_fixture_over_graphql(empty_graph: Graph, client: httpx.AsyncClient) -> None:
    await load(empty_graph, "pfs", [FIXTURES / "pprrvu_fixture.csv"])
    code = (await gql(client, QUERY))["data"]["code"]
    assert code["globalDays"] == "ZZZ"
    assert {(m["code"], m["indicator"]) for m in code["modifiers"]} == {
        ("62", "CO-SURG 2"),
        ("80", "ASST SURG 2"),
        ("82", "ASST SURG 2"),
        ("AS", "ASST SURG 2"),
    }


async def test_bypass_modifiers_for_indicator_one_pairs(sample_graph: Graph, client: httpx.AsyncClient) -> None:
    query = 'query($d: Date) { code(system: CPT, code: "0001A") { modifiers(asOf: $d) { code indicator } } }'
    in_effect = (await gql(client, query, d="2022-06-01"))["data"]["code"]["modifiers"]
    assert {m["code"] for m in in_effect} == {"59", "XE", "XP", "XS", "XU"}
    assert (await gql(client, query, d="2024-06-01"))["data"]["code"]["modifiers"] == []


@pytest.mark.shared_data
async def test_real_pprrvu(empty_graph: Graph, client: httpx.AsyncClient) -> None:
    path = shared("pfs_rvu/PPRRVU23_OCT.csv")
    rows = list(parse_pfs(path))
    days = [r.global_days for r in rows]
    # One row per code (rows with MOD 26/TC/53 are components): 540 ZZZ, 3,749 090, 17 MMM 16,006 of 18,168 rows
    assert (len(rows), days.count("ZZZ"), days.count("090"), days.count("MMM")) == (16006, 540, 3749, 17)
    await load(empty_graph, "pfs", [path])
    code = (await gql(client, QUERY))["data"]["code"]
    assert code["globalDays"] == "ZZZ"
    assert {m["code"] for m in code["modifiers"]} == {"62", "80", "82", "AS"}
