"""edgeDiff: the edges two releases of one edit or mapping source state, compared a page of codes at a time.

Edges are compared per source code in code order (constant memory however large the tables): an edge is
known by its type, its target and what tells windows of one pair apart (`IDENTITY`); the fields of `FIELDS`
are what a release may change of it.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Mapping, Sequence
from contextlib import aclosing
from typing import Any

import neo4j

from graph_api.store.decode import to_date
from graph_api.store.graph import Graph
from schema.history_records import EdgeChangeRecord, EdgeDiffKey

CODES_PER_BATCH = 100
# Edges per page past its first code (a PTP column 1 code may have thousands): what a reader holds at once is
# bounded by edges, however the codes' edges are spread.
MAX_EDGES = 10_000
IDENTITY = {
    "PTP": ("effectiveDate",),
    "ADDON_OF": ("effectiveDate",),
    "CONTRACTOR_PRIMARIES": ("effectiveDate",),
    "MUE": ("setting",),
    "MAPS_TO": ("scenario", "choiceList"),
    "NO_MAP": ("targetSystem",),
}
FIELDS = {
    "PTP": ("modifierIndicator", "deletionDate", "prior1996", "rationale"),
    "ADDON_OF": ("type", "deletionDate"),
    "CONTRACTOR_PRIMARIES": ("type", "deletionDate"),
    "MUE": ("value", "adjudicationIndicator", "rationale"),
    "MAPS_TO": ("approximate", "combination"),
    "NO_MAP": ("approximate",),
}


def _values(edge: Mapping[str, Any]) -> dict[str, object]:
    props = edge["props"]
    return {f: to_date(props.get(f)) for f in (*IDENTITY[edge["type"]], *FIELDS[edge["type"]])}


def code_changes(row: Mapping[str, Any], from_release: str, to_release: str) -> list[EdgeChangeRecord]:
    """The changes among one code's edges, in sort order."""
    sides: dict[str, dict[tuple[object, ...], Mapping[str, Any]]] = {from_release: {}, to_release: {}}
    for edge in row["edges"]:
        props = edge["props"]
        identity = (
            edge["type"],
            edge["system"] or "",
            edge["code"] or "",
            *(str(to_date(props.get(f))) for f in IDENTITY[edge["type"]]),
        )
        sides[edge["rid"]][identity] = edge
    old, new = sides[from_release], sides[to_release]
    found = []
    for identity in old.keys() | new.keys():
        a, b = old.get(identity), new.get(identity)
        edge = b or a
        assert edge is not None
        before, after = (_values(a) if a else None), (_values(b) if b else None)
        fields: tuple[str, ...] = ()
        if before is None:
            change = "ADDED"
        elif after is None:
            change = "REMOVED"
        else:
            fields = tuple(f for f in FIELDS[edge["type"]] if before[f] != after[f])
            if not fields:
                continue
            change = "CHANGED"
        found.append(
            EdgeChangeRecord(
                type=edge["type"],
                from_system=row["system"],
                from_code=row["code"],
                to_system=edge["system"],
                to_code=edge["code"],
                key="/".join(str(x) for x in identity[3:]),
                change=change,
                fields=fields,
                before=before,
                after=after,
            )
        )
    return sorted(found, key=lambda c: c.rest)


async def edge_pages(
    graph: Graph, from_release: str, to_release: str, types: Sequence[str], code: str = "", system: str = ""
) -> AsyncGenerator[list[neo4j.Record], None]:
    """Codes with the edges either release states of them, in (code, system) order from a cursor (inclusive),
    a page at a time: at most CODES_PER_BATCH codes and, past the first, MAX_EDGES edges. The next page asks
    for as many codes as the last page's density lets fit, so a dense stretch is not fetched twice."""
    limit = CODES_PER_BATCH
    while True:
        rows = await graph.read(
            "get_edge_diff_codes",
            **{"from": from_release, "to": to_release},
            types=list(types),
            afterCode=code,
            afterSystem=system,
            limit=limit,
            maxEdges=MAX_EDGES,
        )
        if not rows:
            return
        yield rows
        if not rows[-1]["more"]:
            return
        code, system = rows[-1]["code"], rows[-1]["system"] + "\x00"
        edges = sum(len(row["edges"]) for row in rows)
        limit = max(1, min(CODES_PER_BATCH, MAX_EDGES * len(rows) // max(edges, 1)))


async def edge_changes(
    graph: Graph, from_release: str, to_release: str, types: Sequence[str], after: tuple[str, str, str] = ("", "", "")
) -> AsyncGenerator[EdgeChangeRecord, None]:
    """Every change after the cursor, in (code, system, rest) order, a page of codes at a time."""
    pages = edge_pages(graph, from_release, to_release, types, after[0], after[1])
    async with aclosing(pages):
        async for rows in pages:
            for row in rows:
                for found in code_changes(row, from_release, to_release):
                    if (found.from_code, found.from_system, found.rest) > after:
                        yield found


class EdgeDiffReads:
    """The edgeDiff reads of schema/reads.py; Neo4jReader inherits them."""

    graph: Graph

    async def edge_diff(self, keys: Sequence[EdgeDiffKey]) -> list[list[EdgeChangeRecord]]:
        pages = []
        for key in keys:
            page: list[EdgeChangeRecord] = []
            changes = edge_changes(self.graph, key.from_release, key.to_release, key.types, key.after)
            async with aclosing(changes):
                async for found in changes:
                    page.append(found)
                    if len(page) >= key.limit:
                        break
            pages.append(page)
        return pages

    async def edge_diff_count(self, keys: Sequence[EdgeDiffKey]) -> list[int]:
        totals = []
        for key in keys:
            total = 0
            async for _ in edge_changes(self.graph, key.from_release, key.to_release, key.types):
                total += 1
            totals.append(total)
        return totals
