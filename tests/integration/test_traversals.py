"""The traversal API: bulk lookups, search, the SDL contract, index use of every read, bounded round trips."""

from __future__ import annotations

from datetime import date
from typing import Any

import httpx
import pytest

from graph_api.settings import Settings
from graph_api.store.graph import Graph
from graph_api.store.statements import CypherLibrary
from tests.integration.support import gql

SCANS = {"NodeByLabelScan", "AllNodesScan", "DirectedAllRelationshipsScan", "UndirectedAllRelationshipsScan"}


# Reads that may scan, and why: a handful of Release nodes; counts come from the count store.
MAY_SCAN = {
    "get_releases": "Release nodes are one per load",
    "get_unfinished_releases": "Release nodes are one per load",
    "get_graph_counts": "count store",
    "get_release_diff_count": "a diff's total counts every version two releases state, by the release index",
    "get_warm_code": "once per process start, and it stops at its first row (LIMIT 1)",
}


def _operators(plan: Any) -> set[str]:
    names = {plan["operatorType"].split("@")[0]}
    for child in plan.get("children", []):
        names |= _operators(child)
    return names


def _release_seeks(plan: Any) -> list[str]:
    """Index seeks on a release id: right for deletes, wrong for a read that should start from its code."""
    details = plan.get("args", {}).get("Details", "")
    found = [details] if "IndexSeek" in plan["operatorType"] and "(rid)" in details else []
    for child in plan.get("children", []):
        found += _release_seeks(child)
    return found


async def test_bulk_lookup_keeps_order_and_nulls(sample_graph: Graph, client: httpx.AsyncClient) -> None:
    query = """{ codes(refs: [{system: CPT, code: "97551"}, {system: CPT, code: "00000"},
                              {system: ICD10CM, code: "E11.65"}, {system: HCPCS, code: "97551"}]) { code display } }"""
    body = await gql(client, query)
    assert body["data"]["codes"] == [
        {"code": "97551", "display": "97551"},
        None,
        {"code": "E1165", "display": "E11.65"},
        None,
    ]


async def test_bulk_lookup_limit_is_a_user_error(sample_graph: Graph, client: httpx.AsyncClient) -> None:
    refs = [{"system": "CPT", "code": "97550"}] * 1001  # in a variable: inline, 1001 refs are over QUERY_MAX_TOKENS
    body = await gql(client, "query($r: [CodeRef!]!) { codes(refs: $r) { code } }", r=refs)
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_code_prefix_search(sample_graph: Graph, client: httpx.AsyncClient) -> None:
    body = await gql(client, '{ searchCodes(text: "9755") { totalCount edges { node { system code } } } }')
    found = [(e["node"]["system"], e["node"]["code"]) for e in body["data"]["searchCodes"]["edges"]]
    assert found == [("CPT", "97550"), ("CPT", "97551"), ("CPT", "97552")]
    assert body["data"]["searchCodes"]["totalCount"] == 3


async def test_words_search_ranks_the_caregiver_codes(sample_graph: Graph, client: httpx.AsyncClient) -> None:
    body = await gql(client, '{ searchCodes(text: "caregiver training", systems: [CPT]) { edges { node { code } } } }')
    codes = [e["node"]["code"] for e in body["data"]["searchCodes"]["edges"]]
    assert set(codes[:3]) == {"97550", "97551", "97552"}
    body = await gql(
        client, '{ searchCodes(text: "low back pain", systems: [ICD10CM], first: 3) { edges { node { code } } } }'
    )
    assert {e["node"]["code"] for e in body["data"]["searchCodes"]["edges"]} <= {"M545", "M5450", "M5451", "M5459"}


async def test_search_pages_without_gaps_or_repeats(sample_graph: Graph, client: httpx.AsyncClient) -> None:
    query = 'query($a: String) { searchCodes(text: "9", first: 7, after: $a) { totalCount edges { node { system code } } pageInfo { hasNextPage endCursor } } }'
    whole = await gql(
        client, 'query { searchCodes(text: "9", first: 100) { totalCount edges { node { system code } } } }'
    )
    expected = [(e["node"]["system"], e["node"]["code"]) for e in whole["data"]["searchCodes"]["edges"]]
    seen, after = [], None
    while True:
        page = (await gql(client, query, a=after))["data"]["searchCodes"]
        seen += [(e["node"]["system"], e["node"]["code"]) for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == expected and len(seen) == len(set(seen)) == whole["data"]["searchCodes"]["totalCount"] > 7


async def test_bad_cursor_and_page_size_are_user_errors(sample_graph: Graph, client: httpx.AsyncClient) -> None:
    for args in ("first: 0", "first: 101", 'after: "not-a-cursor"'):
        body = await gql(client, f'{{ searchCodes(text: "9755", {args}) {{ totalCount }} }}')
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT", args


async def test_every_read_uses_an_index(sample_graph: Graph, settings: Settings) -> None:
    library = CypherLibrary()
    key = {"system": "CPT", "code": "97551", "target": "ICD9CM", "maxHops": 2, "after": "", "limit": 10}
    dummy: dict[str, Any] = {
        "keys": [{**key, "asOf": date(2026, 1, 1), "first": 10, "setting": "practitioner", "role": "any"}],
        "codes": [],
        "groups": [],
        "settings": ["practitioner"],
        "source": "x",
        "id": "x",
        "rid": "x",
        "prefix": "97",
        "systems": ["CPT"],
        "text": "caregiver",
        "afterScore": 1.0,
        "afterSystem": "",
        "afterCode": "",
        "limit": 10,
        "asOf": date(2026, 1, 1),
        "perRelation": 10,
        "fromSystem": "CPT",
        "fromCode": "97551",
        "toSystem": "CPT",
        "toCode": "97550",
        "maxHops": 3,
        "from": "x",
        "to": "y",
        "types": ["PTP"],
        "fields": ["shortDescription"],
        "changes": ["ADDED"],
        "afterChange": "",
        "rids": ["x"],
        "releases": {},
        "maxEdges": 10,
    }
    async with sample_graph.driver.session(database=settings.neo4j_database) as session:
        for name, statement in library.items():
            if not name.startswith("get_") or name in MAY_SCAN:
                continue
            params = {p: dummy[p] for p in statement.params}
            result = await session.run("EXPLAIN " + statement.text, params)  # type: ignore[operator]
            summary = await result.consume()
            scans = _operators(summary.plan) & SCANS
            assert not scans, f"{name} plans {scans}; it must start from an index"
            by_release = _release_seeks(summary.plan)
            assert not by_release, f"{name} reads every fact of the current releases: {by_release}"


async def test_a_page_of_codes_costs_a_bounded_number_of_round_trips(settings: Settings, sample_graph: Graph) -> None:
    from graph_api.server.app import create_app

    # The read cache checks the current releases once a minute here: one statement for that, then the reads.
    app = create_app(
        settings.model_copy(update={"metering": False, "read_cache_check_s": 60.0, "cost_limit_guest": 10**6})
    )
    codes = ["97550", "97551", "99291", "99292", "22612", "22614", "11042", "11045", "0001A", "0001U"] * 10
    refs = ", ".join(f'{{system: CPT, code: "{c}"}}' for c in codes)
    query = f"""{{ codes(refs: [{refs}], asOf: "2022-06-01") {{
        code isAddOn primaryCodes {{ code }} addOnCodes {{ code }}
        ptpEdits(first: 20) {{ column1 column2 }} mue {{ value }} }} }}"""
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        sent: list[str] = []
        app.state.services.graph.observers.append(lambda name, seconds: sent.append(name))
        body = await gql(client, query)
        trips = len(sent)
        again = await gql(client, query)
        repeat_trips = len(sent) - trips
    await app.state.services.close()
    assert "errors" not in body and len(body["data"]["codes"]) == 100
    assert body["data"]["codes"][3]["primaryCodes"] == [{"code": "99291"}]  # 97551 starts in 2024
    assert trips <= 7, f"100 codes took {trips} Cypher round trips"
    assert again == body and repeat_trips == 0, "the same page again is answered from the read cache"


@pytest.mark.parametrize("day", ["2022-12-31", "2023-01-01"])
async def test_as_of_on_the_root_reaches_nested_fields(
    sample_graph: Graph, client: httpx.AsyncClient, day: str
) -> None:
    body = await gql(
        client, f'{{ codes(refs: [{{system: CPT, code: "99356"}}], asOf: "{day}") {{ primaryCodes {{ code }} }} }}'
    )
    expected = [{"primaryCodes": [{"code": "99223"}]}] if day == "2022-12-31" else [None]  # deleted with its edit
    assert body["data"]["codes"] == expected
