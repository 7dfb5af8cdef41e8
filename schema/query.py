"""Root query fields."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import strawberry
from strawberry.types import Info

from schema import reads
from schema.claims import resolvers as claims
from schema.claims.types import ClaimReport
from schema.codes import Code
from schema.context import Context
from schema.cost import MAX_REFS
from schema.crosswalks import MAX_HOPS, CrosswalkResult, crosswalk_result
from schema.diffs import CodeChangeConnection, EdgeChangeConnection, edge_diff, release_diff
from schema.enums import CodeSystem
from schema.errors import BadUserInput, NotFound
from schema.history import ChangeKind
from schema.metering import MeterStatus, Viewer
from schema.modifiers import Modifier
from schema.normalize import normalize_code
from schema.page import load_page
from schema.paging import PageInfo, page_size
from schema.records import CodeKey, CodeRecord, CrosswalkKey, DatedKey
from schema.relations import RelationPath, RelationStep
from schema.releases import Release
from schema.search import CodeConnection, CodeEdge, SearchCursor, code_prefix, lucene_terms


@strawberry.input(description="A code in a code set, as a partner names it.")
class CodeRef:
    system: CodeSystem
    code: str


@strawberry.type
class Query:
    @strawberry.field(
        description="One code; null when the code set has no such code. Without asOf, in any status (a deleted"
        " code keeps its page: see status, terminationDate, replacedBy); with asOf, null when not in effect then."
    )
    async def code(
        self, info: Info[Context, None], system: CodeSystem, code: str, as_of: date | None = None
    ) -> Code | None:
        day = as_of or date.today()
        record = await load_page(info, DatedKey(system.value, normalize_code(code), day, any_status=as_of is None))
        return Code(record=record, as_of=day) if record else None

    @strawberry.field(
        description="Many codes at once, in the order asked; null for each unknown code (any status without asOf)."
    )
    async def codes(
        self, info: Info[Context, None], refs: list[CodeRef], as_of: date | None = None
    ) -> list[Code | None]:
        if len(refs) > MAX_REFS:
            raise BadUserInput(f"at most {MAX_REFS} refs per request", argument="refs")
        day = as_of or date.today()
        keys = [DatedKey(r.system.value, normalize_code(r.code), day, as_of is None) for r in refs]
        records = await info.context.load_many(reads.CODES, keys)
        return [Code(record=r, as_of=day) if r else None for r in records]

    @strawberry.field(
        description="Codes by number prefix ('9755') or by words ('caregiver training'), ranked; keyset-paginated."
        " Without asOf, codes in any status."
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
        wanted = tuple(s.value for s in (systems or list(CodeSystem)))
        day = as_of or date.today()
        position = (cursor.score, cursor.system, cursor.code)
        asked = as_of  # None: any status
        hits = await info.context.load(reads.SEARCH, reads.SearchKey(prefix, terms, wanted, asked, position, limit + 1))
        total = await info.context.load(reads.COUNT, reads.CountKey(prefix, terms, wanted, asked))
        keys = [DatedKey(s, c, day, as_of is None) for s, c, _ in hits[:limit]]
        records = await info.context.load_many(reads.CODES, keys)
        edges = [
            CodeEdge(cursor=SearchCursor(score, s, c).encode(), score=score, node=Code(record=r, as_of=day))
            for (s, c, score), r in zip(hits[:limit], records, strict=True)
            if r
        ]
        end = edges[-1].cursor if edges else None
        return CodeConnection(
            edges=edges, page_info=PageInfo(has_next_page=len(hits) > limit, end_cursor=end), total_count=total
        )

    @strawberry.field(
        description="For analysts: where each source code leads in another code set over GEMs, up to maxHops (3)"
        " entries away, approximate flags carried along each path and combination scenarios kept together."
        " Unknown source codes are a NOT_FOUND error."
    )
    async def crosswalk(
        self,
        info: Info[Context, None],
        from_: Annotated[list[CodeRef], strawberry.argument(name="from")],
        to: CodeSystem,
        max_hops: int = 1,
        as_of: date | None = None,
    ) -> list[CrosswalkResult]:
        if not 1 <= max_hops <= MAX_HOPS:
            raise BadUserInput(f"maxHops must be between 1 and {MAX_HOPS}", argument="maxHops")
        if len(from_) > MAX_REFS:
            raise BadUserInput(f"at most {MAX_REFS} refs per request", argument="from")
        day = as_of or date.today()
        sources = await _known(info, from_, day, "from")
        keys = [CrosswalkKey(r.system, r.code, to.value, max_hops) for r in sources]
        found = await info.context.load_many(reads.CROSSWALKS, keys)
        return [crosswalk_result(Code(record=r, as_of=day), e) for r, e in zip(sources, found, strict=True)]

    @strawberry.field(
        description="For analysts: the shortest typed paths (at most maxHops steps, 3 at most) between two codes,"
        " in either direction, over edits, crosswalks, hierarchy and notes in effect on asOf."
    )
    async def explain_relation(
        self,
        info: Info[Context, None],
        from_: Annotated[CodeRef, strawberry.argument(name="from")],
        to: CodeRef,
        max_hops: int = 3,
        as_of: date | None = None,
    ) -> list[RelationPath]:
        if not 1 <= max_hops <= MAX_HOPS:
            raise BadUserInput(f"maxHops must be between 1 and {MAX_HOPS}", argument="maxHops")
        day = as_of or date.today()
        start, end = await _known(info, [from_, to], day, "from/to")
        if (start.system, start.code) == (end.system, end.code):
            raise BadUserInput("from and to name the same code", argument="to")
        key = reads.RelationKey(CodeKey(start.system, start.code), CodeKey(end.system, end.code), max_hops, day)
        paths = await info.context.load(reads.RELATION_PATHS, key)
        return [RelationPath(length=len(p), steps=[RelationStep(step=s) for s in p]) for p in paths]

    validate_claim: ClaimReport = strawberry.field(
        resolver=claims.validate_claim, description="NCCI add-on, PTP, MUE and validity edits on one claim."
    )
    validate_claims: list[ClaimReport] = strawberry.field(
        resolver=claims.validate_claims, description="validateClaim for many claims (1,000 at most) in one request."
    )

    @strawberry.field(
        description="The codes that changed between two releases (Release.id values) of one source, in code order;"
        " keyset-paginated. See docs/history.md for what each ChangeKind means."
    )
    async def release_diff(
        self,
        info: Info[Context, None],
        source: str,
        from_: Annotated[str, strawberry.argument(name="from")],
        to: str,
        changes: list[ChangeKind] | None = None,
        first: int = 100,
        after: str | None = None,
    ) -> CodeChangeConnection:
        return await release_diff(info, source, from_, to, changes, first, after)

    @strawberry.field(
        description="The edges that changed between two releases of one edit or mapping source (add-on pairs, PTP"
        " pairs, MUE values and indicators, GEM rows), in code order; keyset-paginated."
    )
    async def edge_diff(
        self,
        info: Info[Context, None],
        source: str,
        from_: Annotated[str, strawberry.argument(name="from")],
        to: str,
        first: int = 100,
        after: str | None = None,
    ) -> EdgeChangeConnection:
        return await edge_diff(info, source, from_, to, first, after)

    @strawberry.field(description="One modifier; null when unknown.")
    async def modifier(self, info: Info[Context, None], code: str) -> Modifier | None:
        record = await info.context.load(reads.MODIFIERS, code.strip().upper())
        return Modifier(modifier=record) if record else None

    @strawberry.field(description="Every release loaded, newest first.")
    async def releases(self, info: Info[Context, None]) -> list[Release]:
        return [Release(release=r) for r in await info.context.load(reads.RELEASES, reads.ALL)]

    @strawberry.field(description="The caller's code page allowance; consumes nothing.")
    async def viewer(self, info: Info[Context, None]) -> Viewer:
        info.context.personal = True
        meter = info.context.meter
        status = await meter.status() if meter else MeterStatus("unmetered", None, 0, None)
        return Viewer(meter=status)


async def _known(info: Info[Context, None], refs: list[CodeRef], day: date, argument: str) -> list[CodeRecord]:
    """The codes named, or NOT_FOUND listing every one the graph does not have (on that day)."""
    keys = [DatedKey(r.system.value, normalize_code(r.code), day) for r in refs]
    records = await info.context.load_many(reads.CODES, keys)
    unknown = [{"system": k.system, "code": k.code} for k, r in zip(keys, records, strict=True) if r is None]
    if unknown:
        names = ", ".join(f"{u['system']} {u['code']}" for u in unknown)
        raise NotFound(f"unknown codes: {names}", argument=argument, unknown=unknown)
    return [r for r in records if r is not None]
