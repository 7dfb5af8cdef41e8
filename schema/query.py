"""Root query fields."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry.types import Info

from schema.codes import Code
from schema.context import Context
from schema.enums import CodeSystem
from schema.errors import BadUserInput
from schema.metering import MeterStatus, Viewer
from schema.modifiers import Modifier
from schema.normalize import normalize_code
from schema.records import DatedKey
from schema.releases import Release
from schema.search import (
    CodeConnection,
    CodeEdge,
    PageInfo,
    SearchCursor,
    code_prefix,
    lucene_terms,
    page_size,
)

MAX_REFS = 1000


@strawberry.input(description="A code in a code set, as a partner names it.")
class CodeRef:
    system: CodeSystem
    code: str


@strawberry.type
class Query:
    @strawberry.field(description="One code; null when the code set has no such code. asOf defaults to today.")
    async def code(
        self, info: Info[Context, None], system: CodeSystem, code: str, as_of: date | None = None
    ) -> Code | None:
        day = as_of or date.today()
        record = await info.context.loaders.codes.load(DatedKey(system.value, normalize_code(code), day))
        return Code(record=record, as_of=day) if record else None

    @strawberry.field(description="Many codes at once, in the order asked; null for each unknown code.")
    async def codes(
        self, info: Info[Context, None], refs: list[CodeRef], as_of: date | None = None
    ) -> list[Code | None]:
        if len(refs) > MAX_REFS:
            raise BadUserInput(f"at most {MAX_REFS} refs per request", argument="refs")
        day = as_of or date.today()
        keys = [DatedKey(r.system.value, normalize_code(r.code), day) for r in refs]
        records = await info.context.loaders.codes.load_many(keys)
        return [Code(record=r, as_of=day) if r else None for r in records]

    @strawberry.field(
        description="Codes by number prefix ('9755') or by words ('caregiver training'), ranked; keyset-paginated."
    )
    async def search_codes(
        self,
        info: Info[Context, None],
        text: str,
        systems: list[CodeSystem] | None = None,
        first: int = 20,
        after: str | None = None,
        as_of: date | None = None,
    ) -> CodeConnection:
        limit = page_size(first)
        cursor = SearchCursor.decode(after)
        prefix = code_prefix(text)
        terms = None if prefix else lucene_terms(text)
        wanted = [s.value for s in (systems or list(CodeSystem))]
        reader = info.context.reader
        hits = await reader.search_codes(prefix, terms, wanted, (cursor.score, cursor.system, cursor.code), limit + 1)
        total = await reader.count_codes(prefix, terms, wanted)
        day = as_of or date.today()
        records = await info.context.loaders.codes.load_many([DatedKey(s, c, day) for s, c, _ in hits[:limit]])
        edges = [
            CodeEdge(cursor=SearchCursor(score, s, c).encode(), score=score, node=Code(record=r, as_of=day))
            for (s, c, score), r in zip(hits[:limit], records, strict=True)
            if r
        ]
        end = edges[-1].cursor if edges else None
        return CodeConnection(
            edges=edges, page_info=PageInfo(has_next_page=len(hits) > limit, end_cursor=end), total_count=total
        )

    @strawberry.field(description="One modifier; null when unknown.")
    async def modifier(self, info: Info[Context, None], code: str) -> Modifier | None:
        record = await info.context.loaders.modifiers.load(code.strip().upper())
        return Modifier(modifier=record) if record else None

    @strawberry.field(description="Every release loaded, newest first.")
    async def releases(self, info: Info[Context, None]) -> list[Release]:
        return [Release(release=r) for r in await info.context.reader.releases()]

    @strawberry.field(description="The caller's code page allowance; consumes nothing.")
    async def viewer(self, info: Info[Context, None]) -> Viewer:
        meter = info.context.meter
        status = await meter.status() if meter else MeterStatus("unmetered", None, 0, None)
        return Viewer(meter=status)
