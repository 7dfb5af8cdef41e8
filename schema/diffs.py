"""releaseDiff: the changes between two releases of one source, as a Relay connection with keyset cursors."""

from __future__ import annotations

from datetime import date
from enum import Enum

import strawberry
from strawberry.scalars import JSON
from strawberry.types import Info

from schema import reads
from schema.codes import Code
from schema.context import Context
from schema.enums import CodeSystem
from schema.errors import BadUserInput
from schema.history import ChangeKind, DiffCursor, state
from schema.history_records import CodeChangeRecord, DiffCountKey, DiffKey, EdgeChangeRecord, EdgeDiffKey
from schema.paging import PageInfo, decode_cursor, encode_cursor, page_size
from schema.records import DatedKey, ReleaseRecord


@strawberry.type(description="How one code changed between two releases.")
class CodeChange:
    record: strawberry.Private[CodeChangeRecord]
    code: Code

    @strawberry.field
    def change(self) -> ChangeKind:
        return ChangeKind(self.record.change)

    @strawberry.field(description="REVISED: the Code fields that differ (shortDescription, isBillable, ...)")
    def fields(self) -> list[str]:
        return list(self.record.fields)

    @strawberry.field(description="What the from release stated of the code; null when it did not name it")
    def before(self) -> JSON | None:
        return state(self.record.before)

    @strawberry.field(description="What the to release stated of the code; null when it did not name it")
    def after(self) -> JSON | None:
        return state(self.record.after)


@strawberry.type
class CodeChangeEdge:
    cursor: str
    node: CodeChange


@strawberry.type(description="A page of changes between two releases.")
class CodeChangeConnection:
    edges: list[CodeChangeEdge]
    page_info: PageInfo
    count_key: strawberry.Private[DiffCountKey]

    @strawberry.field(description="Every change between the two releases (of the kinds asked), not only this page")
    async def total_count(self, info: Info[Context, None]) -> int:
        return await info.context.load(reads.RELEASE_DIFF_COUNT, self.count_key)


async def pair_of(info: Info[Context, None], source: str, from_: str, to: str) -> tuple[ReleaseRecord, ReleaseRecord]:
    """The two releases, which must both be loaded releases of the source: BAD_USER_INPUT otherwise."""
    by_id = {r.id: r for r in await info.context.load(reads.RELEASES, reads.ALL)}
    found = []
    for argument, rid in (("from", from_), ("to", to)):
        release = by_id.get(rid)
        if release is None or release.source != source:
            raise BadUserInput(f"{argument}: no release {rid!r} of source {source!r} is loaded", argument=argument)
        found.append(release)
    return found[0], found[1]


async def release_diff(
    info: Info[Context, None],
    source: str,
    from_: str,
    to: str,
    changes: list[ChangeKind] | None,
    first: int,
    after: str | None,
) -> CodeChangeConnection:
    limit = page_size(first)
    await pair_of(info, source, from_, to)
    kinds = tuple(sorted(k.value for k in (changes or list(ChangeKind))))
    cursor = DiffCursor.decode(after)
    key = DiffKey(from_, to, kinds, (cursor.code, cursor.system, cursor.change), limit + 1)
    found = await info.context.load(reads.RELEASE_DIFF, key)
    page = found[:limit]
    day = date.today()
    keys = [DatedKey(c.system, c.code, day, any_status=True) for c in page]
    records = await info.context.load_many(reads.CODES, keys)
    edges = [
        CodeChangeEdge(
            cursor=DiffCursor(c.code, c.system, c.change).encode(),
            node=CodeChange(record=c, code=Code(record=r, as_of=day)),
        )
        for c, r in zip(page, records, strict=True)
        if r
    ]
    end = DiffCursor(page[-1].code, page[-1].system, page[-1].change).encode() if page else None
    return CodeChangeConnection(
        edges=edges,
        page_info=PageInfo(has_next_page=len(found) > limit, end_cursor=end),
        count_key=DiffCountKey(from_, to, kinds),
    )


# What each source's edges are; the store compares them (graph_api/store/edge_diff.py).
EDGE_SOURCES = {
    "ncci_ptp": ("PTP",),
    "ncci_aoc": ("ADDON_OF", "CONTRACTOR_PRIMARIES"),
    "ncci_mue": ("MUE",),
    "gem": ("MAPS_TO", "NO_MAP"),
}


@strawberry.enum(description="How an edge (an edit or a mapping row) changed from one release to another.")
class EdgeChangeKind(Enum):
    ADDED = "ADDED"
    REMOVED = "REMOVED"
    CHANGED = "CHANGED"


@strawberry.type(description="A code an edge starts or ends at.")
class EdgeEnd:
    system: CodeSystem
    code: str


@strawberry.type(
    description="An edge added, removed or changed between two releases: a PTP pair, an add-on pair, an MUE, a GEM"
    " row. `key` tells apart edges of one pair (effective date, MUE setting, GEM scenario/choice list)."
)
class EdgeChange:
    record: strawberry.Private[EdgeChangeRecord]

    @strawberry.field(description="PTP, ADDON_OF, CONTRACTOR_PRIMARIES, MUE, MAPS_TO or NO_MAP")
    def type(self) -> str:
        return self.record.type

    @strawberry.field(name="from")
    def from_(self) -> EdgeEnd:
        return EdgeEnd(system=CodeSystem(self.record.from_system), code=self.record.from_code)

    @strawberry.field(description="null for facts of one code (MUE, no-map, contractor-defined primaries)")
    def to(self) -> EdgeEnd | None:
        r = self.record
        return EdgeEnd(system=CodeSystem(r.to_system), code=r.to_code) if r.to_system and r.to_code else None

    @strawberry.field
    def key(self) -> str:
        return self.record.key

    @strawberry.field
    def change(self) -> EdgeChangeKind:
        return EdgeChangeKind(self.record.change)

    @strawberry.field(
        description="CHANGED: the edge's fields that differ (modifierIndicator, deletionDate, value, ...)"
    )
    def fields(self) -> list[str]:
        return list(self.record.fields)

    @strawberry.field
    def before(self) -> JSON | None:
        return state(self.record.before)

    @strawberry.field
    def after(self) -> JSON | None:
        return state(self.record.after)


@strawberry.type
class EdgeChangeEdge:
    cursor: str
    node: EdgeChange


@strawberry.type(description="A page of edge changes between two releases.")
class EdgeChangeConnection:
    edges: list[EdgeChangeEdge]
    page_info: PageInfo
    count_key: strawberry.Private[EdgeDiffKey]

    @strawberry.field(description="Every edge change between the two releases, not only this page")
    async def total_count(self, info: Info[Context, None]) -> int:
        return await info.context.load(reads.EDGE_DIFF_COUNT, self.count_key)


def _edge_cursor(r: EdgeChangeRecord) -> str:
    return encode_cursor("edge-diff", r.from_code, r.from_system, r.rest)


async def edge_diff(
    info: Info[Context, None], source: str, from_: str, to: str, first: int, after: str | None
) -> EdgeChangeConnection:
    limit = page_size(first)
    types = EDGE_SOURCES.get(source.split("/", 1)[0])
    if types is None:
        raise BadUserInput(f"{source!r} has no edges to compare; releaseDiff compares code sets", argument="source")
    await pair_of(info, source, from_, to)
    by_id = {r.id: r for r in await info.context.load(reads.RELEASES, reads.ALL)}
    for argument, rid in (("from", from_), ("to", to)):
        release, successor = by_id[rid], by_id.get(by_id[rid].superseded_by or "")
        if release.status != "current" and (successor is None or successor.status != "current"):
            raise BadUserInput(
                f"{argument}: the edges of release {rid!r} were removed when a newer release replaced it; only the"
                " current release and the one it replaced keep their edges",
                argument=argument,
            )
    position = ("", "", "")
    if after is not None:
        code, system, rest = decode_cursor("edge-diff", after, 3)
        position = (str(code), str(system), str(rest))
    key = EdgeDiffKey(from_, to, types, position, limit + 1)
    found = await info.context.load(reads.EDGE_DIFF, key)
    page = found[:limit]
    edges = [EdgeChangeEdge(cursor=_edge_cursor(r), node=EdgeChange(record=r)) for r in page]
    return EdgeChangeConnection(
        edges=edges,
        page_info=PageInfo(has_next_page=len(found) > limit, end_cursor=edges[-1].cursor if edges else None),
        count_key=EdgeDiffKey(from_, to, types, ("", "", ""), 0),
    )
