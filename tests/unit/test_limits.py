"""The static shape and cost of documents, the document cache's bounds, client addresses: no services."""

from __future__ import annotations

import pytest
from graphql import get_introspection_query, parse
from graphql.language import Lexer, Source, TokenKind

from graph_api.access.client_address import bucket, client_address, trusted_networks
from graph_api.mcp import documents
from schema import build_schema
from schema.context import Context
from schema.cost import LIST_GUESS, Limits, TooComplex, shape
from schema.gate import BYTES_PER_CHAR, Checked, DocumentCache, count_tokens

SCHEMA = build_schema()._schema


def _cost(query: str, variables: dict | None = None) -> int:  # type: ignore[type-arg]
    return shape(SCHEMA, parse(query), Limits()).cost(None, variables)


def test_objects_cost_one_scalars_nothing() -> None:
    assert _cost('{ code(system: CPT, code: "1") { code display } }') == 1
    assert _cost('{ code(system: CPT, code: "1") { code primaryCodes { code } } }') == 1 + (1 + LIST_GUESS * 1)


def test_first_multiplies_what_it_selects_and_nests() -> None:
    one = _cost('{ code(system: CPT, code: "1") { relatedCodes(first: 100) { code { code } } } }')
    two = _cost(
        '{ code(system: CPT, code: "1") { relatedCodes(first: 100) { code { relatedCodes(first: 100) { score } } } } }'
    )
    assert one == 1 + 5 + 100 * (1 + 1)
    assert two == 1 + 5 + 100 * (1 + 1 + 5 + 100 * 1)


def test_variables_and_their_defaults() -> None:
    query = 'query($n: Int = 3) { code(system: CPT, code: "1") { descendants(first: $n) { edges { node { code } } } } }'
    assert _cost(query) == 1 + 1 + 3 * (1 + 1 + 1)  # a connection's edges are counted by first, once each
    assert _cost(query, {"n": 50}) == 1 + 1 + 50 * 3
    assert _cost(query, {"n": 10**6}) == 1 + 1 + 100 * 3  # capped where the resolver refuses more
    refs = "query($r: [CodeRef!]!) { codes(refs: $r) { code } }"
    assert _cost(refs, {"r": [{"system": "CPT", "code": str(i)} for i in range(40)]}) == 1 + 40


def test_root_weights() -> None:
    explain = '{ explainRelation(from: {system: CPT, code: "1"}, to: {system: CPT, code: "2"}) { length } }'
    assert _cost(explain) == 100 * 3 + LIST_GUESS * 1
    assert _cost('{ searchCodes(text: "x", first: 5) { totalCount } }') == 10
    assert _cost('{ searchCodes(text: "x", first: 5) { edges { node { code } } } }') == 10 + 5 * (1 + 1 + 1)


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("{" + " ".join(f"a{i}: releases {{ label }}" for i in range(51)) + "}", "aliases"),
        ('{ code(system: CPT, code: "1") { ' + "children { " * 12 + "code" + " }" * 12 + " } }", "deeper"),
    ],
)
def test_limits_stop_the_walk(query: str, words: str) -> None:
    with pytest.raises(TooComplex, match=words):
        shape(SCHEMA, parse(query), Limits())


def test_cyclic_fragments_do_not_loop() -> None:
    query = "{ releases { ...A } } fragment A on Release { label ...B } fragment B on Release { id ...A }"
    assert _cost(query) == 1 + LIST_GUESS * 1


def test_cache_bounded_by_entries_and_bytes() -> None:
    cache = DocumentCache(entries=3, max_bytes=1000 * BYTES_PER_CHAR, max_text=600)
    empty = Checked(None, (), None)
    for i in range(5):
        cache.put(f"{i}" * 300, empty)
    assert len(cache) == 3 and cache.bytes == 900 * BYTES_PER_CHAR
    cache.put("x" * 700, empty)  # over max_text: never cached
    assert cache.get("x" * 700) is None
    cache.put("y" * 600, empty)
    assert cache.bytes <= 1000 * BYTES_PER_CHAR and cache.get("y" * 600) is empty
    assert cache.get("0" * 300) is None  # the oldest went first


def test_forwarded_for_only_from_trusted_proxies() -> None:
    trusted = trusted_networks("10.0.0.0/8, 192.0.2.1")
    assert client_address("203.0.113.9", "1.2.3.4", trusted) == "203.0.113.9"
    assert client_address("10.1.1.1", "1.2.3.4", ()) == "10.1.1.1"
    assert client_address("10.1.1.1", "1.2.3.4", trusted) == "1.2.3.4"
    assert client_address("10.1.1.1", "6.6.6.6, 1.2.3.4, 192.0.2.1", trusted) == "1.2.3.4"
    assert client_address("10.1.1.1", "", trusted) == "10.1.1.1"
    with pytest.raises(ValueError, match="TRUSTED_PROXIES"):
        trusted_networks("10.0.0.300")


def test_ipv6_clients_count_per_64() -> None:
    assert bucket("2001:db8:1:2:aaaa::1") == bucket("2001:db8:1:2:bbbb::2") == "2001:db8:1:2::/64"
    assert bucket("::ffff:198.51.100.7") == "198.51.100.7"
    assert bucket("198.51.100.7") == "198.51.100.7"


class NoReads:
    """A reader for documents refused before execution: any read is a failure of the test."""

    async def batch(self, name: str, keys: list) -> list:  # type: ignore[type-arg]
        raise AssertionError(f"read {name} of a refused document")


async def test_a_document_over_the_budget_is_refused_before_it_is_validated() -> None:
    cache = DocumentCache(entries=10, max_bytes=10**6, max_text=10**5)
    gated = build_schema(cache=cache)
    query = '{ a: explainRelation(from: {system: CPT, code: "1"}, to: {system: CPT, code: "2"}) { lengthh } }'
    over = await gated.execute(query, context_value=Context(reader=NoReads(), cost_limit=10))
    assert over.errors is not None and [e.extensions["code"] for e in over.errors] == ["QUERY_TOO_COMPLEX"]
    checked = cache.get(query)
    assert checked is not None and checked.validation is None  # a refusal never paid for validation
    within = await gated.execute(query, context_value=Context(reader=NoReads(), cost_limit=1000))
    assert within.errors is not None and within.errors[0].extensions["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert checked.validation == tuple(within.errors)  # validated once, kept with the document


def _parser_tokens(text: str) -> int:
    lexer = Lexer(Source(text))
    count = 0
    while lexer.advance().kind != TokenKind.EOF:
        count += 1
    return count


@pytest.mark.parametrize(
    "text",
    [
        get_introspection_query(descriptions=True, specified_by_url=True, input_value_deprecation=True),
        *(v for v in vars(documents).values() if isinstance(v, str) and "{" in v),
        'query($a: Int = -1.5e3, $b: [Float] = [1, -2.0E+1]) { x(s: "a # b \\" c {", t: """ { "" \\""" # """) }',
        "\ufeff{ a # a comment { with } tokens\n, b ... on T { c } }",
    ],
)
def test_the_token_count_before_parsing_is_the_parsers(text: str) -> None:
    assert count_tokens(text) == _parser_tokens(text)
