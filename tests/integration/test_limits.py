"""Limits before work and client errors as client errors, over the real stack."""

from __future__ import annotations

import base64
import json
import logging

import httpx
import pytest

from graph_api.server.app import create_app
from graph_api.settings import Settings
from graph_api.store.graph import Graph
from schema.gate import BYTES_PER_CHAR
from tests.integration.support import gql

PAGE = '{ code(system: CPT, code: "97551") { code display primaryCodes { code } } }'
NESTED = (
    '{ code(system: CPT, code: "97551") { relatedCodes(first: 100) { code { relatedCodes(first: 100) {'
    " code { relatedCodes(first: 100) { code { relatedCodes(first: 100) { code { code } } } } } } } } } }"
)


def _aliases(n: int) -> str:
    return "{" + " ".join(f'a{i}: code(system: CPT, code: "97551") {{ code }}' for i in range(n)) + "}"


def _code(body: dict) -> str:  # type: ignore[type-arg]
    return str(body["errors"][0]["extensions"]["code"])


async def test_every_answer_says_what_it_cost(
    sample_graph: Graph, client: httpx.AsyncClient, settings: Settings
) -> None:
    body = await gql(client, PAGE)
    assert body["data"]["code"]["code"] == "97551"
    cost = body["extensions"]["cost"]
    assert cost["limit"] == settings.cost_limit_guest and 0 < cost["requested"] <= 20


async def test_nested_pages_are_refused_with_their_cost(
    sample_graph: Graph, client: httpx.AsyncClient, settings: Settings
) -> None:
    body = await gql(client, NESTED)
    assert "data" not in body
    assert _code(body) == "QUERY_TOO_COMPLEX"
    cost = body["errors"][0]["extensions"]["cost"]
    assert cost["requested"] > 100**4 and cost["limit"] == settings.cost_limit_guest
    assert body["extensions"]["cost"] == cost


async def test_variables_multiply_like_literals(
    sample_graph: Graph, client: httpx.AsyncClient, settings: Settings
) -> None:
    query = 'query($n: Int!) { code(system: CPT, code: "97551") { relatedCodes(first: $n) { code { relatedCodes(first: $n) { score } } } } }'
    small = await gql(client, query, n=2)
    assert "errors" not in small and small["extensions"]["cost"]["requested"] < 50
    big = await gql(client, query, n=100)
    assert _code(big) == "QUERY_TOO_COMPLEX" and big["extensions"]["cost"]["requested"] > settings.cost_limit_guest


async def test_partners_budget_is_larger(sample_graph: Graph, settings: Settings) -> None:
    tight = create_app(settings.model_copy(update={"metering": False, "cost_limit_guest": 5}))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=tight), base_url="http://t") as c:
        body = await gql(c, PAGE)
    await tight.state.services.close()
    assert _code(body) == "QUERY_TOO_COMPLEX" and body["errors"][0]["extensions"]["cost"]["limit"] == 5


@pytest.mark.parametrize(
    ("query", "words"),
    [
        (_aliases(51), "aliases"),
        ('{ code(system: CPT, code: "1") { ' + "children { " * 12 + "code" + " }" * 12 + " } }", "deeper"),
        ("{" + " ".join('code(system: CPT, code: "1") { code }' for _ in range(1200)) + "}", "tokens"),
        ("{ releases { " + "label " * 1001 + "} }", "fields"),
    ],
    ids=["aliases", "depth", "tokens", "fields"],
)
async def test_shape_limits(client: httpx.AsyncClient, query: str, words: str) -> None:
    body = await gql(client, query)
    assert _code(body) == "QUERY_TOO_COMPLEX" and words in body["errors"][0]["message"]


async def test_fragment_bombs_stop_at_the_field_limit(client: httpx.AsyncClient) -> None:
    fragments = ["fragment F0 on Release { label }"]
    for i in range(1, 20):
        fragments.append(f"fragment F{i} on Release {{ ...F{i - 1} ...F{i - 1} }}")
    body = await gql(client, "{ releases { ...F19 } } " + " ".join(fragments))
    assert _code(body) == "QUERY_TOO_COMPLEX"


async def test_body_over_the_cap_is_413_before_parsing(client: httpx.AsyncClient) -> None:
    big = json.dumps({"query": _aliases(5000)})
    assert len(big) > 100_000
    response = await client.post("/graphql", content=big, headers={"content-type": "application/json"})
    assert response.status_code == 413
    assert response.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"

    async def streamed():  # type: ignore[no-untyped-def]  # no Content-Length: counted as it arrives
        for _ in range(30):
            yield b" " * 10_000

    response = await client.post("/graphql", content=streamed(), headers={"content-type": "application/json"})
    assert response.status_code == 413


async def test_document_cache_is_bounded_by_bytes(settings: Settings) -> None:
    app = create_app(settings.model_copy(update={"metering": False, "document_cache_mb": 4}))
    cache = app.state.graphql_cache
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        for n in range(15):  # 15 distinct large documents (each ~20 KB of text, ~2.5 MB parsed)
            query = "{" + " ".join(f'a{i}: code(system: CPT, code: "{n}{i}") {{ code display }}' for i in range(49))
            query += " releases { label } " + "#" * 18_000 + "\n}"
            await gql(c, query)
    await app.state.services.close()
    assert 0 < cache.bytes <= 4 * 1024 * 1024
    assert len(cache) < 15
    assert cache.bytes == sum(len(k) * BYTES_PER_CHAR for k in cache._items)


BAD_REQUESTS = [
    pytest.param(b"null", 400, id="json-null"),
    pytest.param(b"[1, 2]", 400, id="json-list"),
    pytest.param(b'{"query": "{ releases { label } }"\xff}', 400, id="invalid-utf8"),
    pytest.param(b"[" * 50_000 + b"]" * 50_000, 400, id="deep-json"),
    pytest.param(b'{"query": "query($n: Int) { releases { label } }", "variables": {"n": NaN}}', 400, id="json-nan"),
    pytest.param(b'{"query": "{ releases { label } }", "variables": {"s": "\\ud800"}}', 400, id="lone-surrogate"),
    pytest.param(b'{"query": 7}', 400, id="query-not-string"),
    pytest.param(b'{"query": "{ releases { label } }", "variables": [1]}', 400, id="variables-not-object"),
    pytest.param(b'{"query": "query A { releases { label } }", "operationName": "B"}', 400, id="unknown-operation"),
    pytest.param(b'{"query": "fragment F on Release { label }"}', 400, id="no-operation"),
]


@pytest.mark.parametrize(("raw", "status"), BAD_REQUESTS)
async def test_bad_bodies_are_4xx(
    client: httpx.AsyncClient, raw: bytes, status: int, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO):
        response = await client.post("/graphql", content=raw, headers={"content-type": "application/json"})
    assert response.status_code == status
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert not any(r.exc_info for r in caplog.records)


def _nested_cursor(depth: int) -> str:
    return base64.urlsafe_b64encode(("[" * depth + "]" * depth).encode()).decode()


BAD_INPUTS = [
    pytest.param('{ searchCodes(text: "NOT") { totalCount } }', {}, "", id="lucene-NOT"),
    pytest.param('{ searchCodes(text: "AND OR ) ( \\" ~ * ?") { totalCount } }', {}, "", id="operators"),
    pytest.param('{ searchCodes(text: ") ( \\" ~ * ? && ||") { totalCount } }', {}, "BAD_USER_INPUT", id="no-words"),
    pytest.param(
        "query($t: String!) { searchCodes(text: $t) { totalCount } }",
        {"t": " ".join(f"word{i}" for i in range(2000))},
        "BAD_USER_INPUT",
        id="2000-words",
    ),
    pytest.param(
        'query($d: Date) { code(system: CPT, code: "97551", asOf: $d) { code } }',
        {"d": "2024-13-45"},
        "BAD_USER_INPUT",
        id="bad-date-variable",
    ),
    pytest.param(
        'query($a: String) { searchCodes(text: "care", after: $a) { totalCount } }',
        {"a": _nested_cursor(100)},
        "BAD_USER_INPUT",
        id="nested-cursor-short",
    ),
    pytest.param(
        'query($a: String) { searchCodes(text: "care", after: $a) { totalCount } }',
        {"a": _nested_cursor(20_000)},
        "BAD_USER_INPUT",
        id="nested-cursor-deep",
    ),
    pytest.param(
        'query($a: String) { code(system: ICD10CM, code: "E11") { descendants(after: $a) { totalCount } } }',
        {"a": "!!not base64!!"},
        "BAD_USER_INPUT",
        id="garbage-cursor",
    ),
    pytest.param('{ code(system: CPT, code: "1") { codee } }', {}, "GRAPHQL_VALIDATION_FAILED", id="unknown-field"),
    pytest.param("{ code(system: CPT", {}, "GRAPHQL_PARSE_FAILED", id="syntax-error"),
]


@pytest.mark.parametrize(("query", "variables", "code"), BAD_INPUTS)
async def test_client_mistakes_are_coded_errors(
    sample_graph: Graph,
    client: httpx.AsyncClient,
    caplog: pytest.LogCaptureFixture,
    query: str,
    variables: dict,  # type: ignore[type-arg]
    code: str,
) -> None:
    with caplog.at_level(logging.INFO):
        body = await gql(client, query, **variables)
    if code:
        assert _code(body) == code, body
    else:  # a word like any other: an answer, no error
        assert "errors" not in body, body
    assert "INTERNAL_SERVER_ERROR" not in json.dumps(body)
    assert not any(r.exc_info for r in caplog.records), [r.getMessage() for r in caplog.records]
    if code:  # one line about the mistake (the request's own access line from graph_api.request aside)
        lines = [r for r in caplog.records if r.name.startswith("graph_api") and r.name != "graph_api.request"]
        assert len(lines) == 1, [r.getMessage() for r in lines]


async def test_search_treats_operators_as_words(sample_graph: Graph, client: httpx.AsyncClient) -> None:
    plain = await gql(client, '{ searchCodes(text: "caregiver training") { totalCount } }')
    noisy = await gql(client, '{ searchCodes(text: "caregiver* (training)~ AND:") { totalCount } }')
    assert plain["data"]["searchCodes"]["totalCount"] > 0
    assert noisy["data"]["searchCodes"]["totalCount"] == plain["data"]["searchCodes"]["totalCount"]
