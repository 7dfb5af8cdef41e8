"""The schema over a fake reader at its one seam: resolvers, batching and errors without any service."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from schema import build_schema, reads
from schema.context import Context
from schema.records import AddOnLinkRecord, CodeRecord, PageAnswer


def _code(code: str, add_on: bool = False) -> CodeRecord:
    return CodeRecord(
        system="CPT",
        code=code,
        display=code,
        short_description=f"made-up short text {code}",
        long_description=None,
        plain_description=None,
        is_billable=True,
        is_add_on=add_on,
        contractor_defined_primaries=False,
        added_date=date(2024, 1, 1),
        termination_date=None,
    )


class FakeReader:
    """Answers from dictionaries and records every batch it was asked for."""

    def __init__(self) -> None:
        self.codes = {"97550": _code("97550"), "97551": _code("97551", add_on=True)}
        link = AddOnLinkRecord("CPT", "97550", "97550", 1, date(2024, 1, 1), None, None, "rel-1")
        self.primaries = {"97551": [link]}
        self.calls: list[tuple[str, int]] = []

    async def batch(self, name: str, keys: Sequence[Any]) -> list[Any]:
        self.calls.append((name, len(keys)))
        if name == reads.CODES.name:
            return [self.codes.get(k.code) for k in keys]
        if name == reads.PRIMARY_CODES.name:
            return [self.primaries.get(k.code, []) for k in keys]
        raise AssertionError(f"unexpected read {name}")


async def test_a_page_of_codes_is_one_batch_per_read() -> None:
    reader = FakeReader()
    query = """{ codes(refs: [{system: CPT, code: "97551"}, {system: CPT, code: "975.50"}, {system: CPT, code: "00000"}])
                 { code isAddOn primaryCodes { code addOnType } } }"""
    result = await build_schema().execute(query, context_value=Context(reader=reader))
    assert result.errors is None
    assert result.data == {
        "codes": [
            {"code": "97551", "isAddOn": True, "primaryCodes": [{"code": "97550", "addOnType": 1}]},
            {"code": "97550", "isAddOn": False, "primaryCodes": []},
            None,
        ]
    }
    assert reader.calls == [("codes", 3), ("primary_codes", 2)]


async def test_unknown_source_code_is_not_found_with_the_codes_named() -> None:
    query = '{ explainRelation(from: {system: CPT, code: "99999"}, to: {system: CPT, code: "97550"}) { length } }'
    result = await build_schema().execute(query, context_value=Context(reader=FakeReader()))
    assert result.errors is not None
    assert result.errors[0].extensions == {
        "code": "NOT_FOUND",
        "argument": "from/to",
        "unknown": [{"system": "CPT", "code": "99999"}],
    }


def test_every_read_is_answered_by_the_neo4j_reader() -> None:
    from graph_api.store.reads import Neo4jReader

    missing = [r.name for r in reads.TABLE if not callable(getattr(Neo4jReader, r.name, None))]
    assert missing == []


class PageReader(FakeReader):
    """Also answers a code page at once, as the Neo4j reader does: the code and the parts asked."""

    async def batch(self, name: str, keys: Sequence[Any]) -> list[Any]:
        if name != reads.CODE_PAGE.name:
            return await super().batch(name, keys)
        self.calls.append((name, len(keys)))
        answers = []
        for key in keys:
            code = self.codes.get(key.code.code)
            parts = tuple((n, k, self.primaries.get(k.code, [])) for n, k in key.parts) if code else ()
            answers.append(PageAnswer(code, parts))
        return answers


async def test_a_code_page_is_one_read_whose_parts_prime_the_loaders() -> None:
    reader = PageReader()
    query = '{ code(system: CPT, code: "97551") { code primaryCodes { code } older: primaryCodes(asOf: "2020-01-01") { code } } }'
    result = await build_schema().execute(query, context_value=Context(reader=reader))
    assert result.errors is None
    assert result.data == {"code": {"code": "97551", "primaryCodes": [{"code": "97550"}], "older": [{"code": "97550"}]}}
    # The plain primaryCodes came with the page; the one with its own asOf was read as usual.
    assert reader.calls == [("code_page", 1), ("primary_codes", 1)]
