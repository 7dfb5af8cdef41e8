"""The code page read at once (schema/page.py, cypher/get_code_page.cypher) answers what the reads one by one do."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from graph_api.settings import Settings
from graph_api.store.graph import Graph
from tests.integration.support import gql

PARTS = """
    system code display shortDescription isAddOn contractorDefinedPrimaries addedDate terminationDate status
    descriptions { kind text release { label } }
    primaryCodes { system code display addOnType effectiveDate deletionDate notes release }
    addOnCodes { system code display addOnType effectiveDate deletionDate notes release }
    ptpEditPage(first: 2) {
      totalCount
      edges { cursor node { column1 column2 prior1996 effectiveDate deletionDate modifierIndicator rationale release } }
      pageInfo { endCursor hasNextPage }
    }
    ptpEdits(role: COLUMN2) { column1 column2 release }
    mue { value adjudicationIndicator adjudicationText rationale release }
    crosswalks(to: ICD9CM) { system code approximate noMap combination scenario choiceList release }
"""
# `code` reads its page at once; `codes` (many codes) reads each part for the whole list, one read each.
AT_ONCE = f"query($s: CodeSystem!, $c: String!) {{ code(system: $s, code: $c) {{ {PARTS} }} }}"
ONE_BY_ONE = f"query($s: CodeSystem!, $c: String!) {{ codes(refs: [{{system: $s, code: $c}}]) {{ {PARTS} }} }}"
CODES = [("CPT", c) for c in ("97550", "97551", "99291", "99292", "22612", "11042", "99356", "0001A", "00000")]


@pytest.fixture(params=[0, 10_000], ids=["cache-off", "cache-on"])
async def page_client(request: pytest.FixtureRequest, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    from graph_api.server.app import create_app

    update = {"metering": False, "read_cache_entries": request.param, "result_cache_entries": 0}
    app = create_app(settings.model_copy(update=update))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        yield client
    await app.state.services.close()


@pytest.mark.parametrize("releases", [True, False], ids=["releases", "no-releases"])
@pytest.mark.parametrize(("system", "code"), CODES)
async def test_a_page_at_once_equals_its_reads_one_by_one(
    sample_graph: Graph, page_client: httpx.AsyncClient, system: str, code: str, releases: bool
) -> None:
    # Without a release in the selection, the page reads none (the code's provenance is not read).
    shown = (lambda q: q) if releases else (lambda q: q.replace(" release { label }", ""))
    at_once = await gql(page_client, shown(AT_ONCE), s=system, c=code)
    one_by_one = await gql(page_client, shown(ONE_BY_ONE), s=system, c=code)
    assert "errors" not in at_once and "errors" not in one_by_one
    assert at_once["data"]["code"] == one_by_one["data"]["codes"][0]


async def test_a_page_with_a_cursor_and_arguments_the_look_ahead_skips(
    sample_graph: Graph, page_client: httpx.AsyncClient
) -> None:
    first = await gql(page_client, AT_ONCE, s="CPT", c="99291")
    cursor = first["data"]["code"]["ptpEditPage"]["pageInfo"]["endCursor"]
    query = """query($a: String, $s: Setting!) { code(system: CPT, code: "99291") {
        ptpEditPage(first: 2, after: $a, setting: $s) { totalCount edges { node { column1 column2 } } }
        old: primaryCodes(asOf: "2022-12-31") { code } crosswalks(to: ICD10CM, maxHops: 2) { code } } }"""
    many = query.replace('code(system: CPT, code: "99291")', 'codes(refs: [{system: CPT, code: "99291"}])')
    at_once = await gql(page_client, query, a=cursor, s="PRACTITIONER")
    one_by_one = await gql(page_client, many, a=cursor, s="PRACTITIONER")
    assert "errors" not in at_once
    assert at_once["data"]["code"] == one_by_one["data"]["codes"][0]


async def test_bad_arguments_are_still_the_fields_own_errors(
    sample_graph: Graph, page_client: httpx.AsyncClient
) -> None:
    body = await gql(page_client, '{ code(system: CPT, code: "99291") { code ptpEditPage(first: 0) { totalCount } } }')
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert body["data"]["code"] == {"code": "99291", "ptpEditPage": None} or body["data"]["code"] is None
