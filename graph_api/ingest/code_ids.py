"""Code nodes an edge loader names, merged once and then addressed by element id.

Edge statements look their endpoints up by element id instead of the (system, code) index: on this
hardware that doubles edge throughput. Bounded by the number of distinct codes a file names.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Sequence
from itertools import chain
from operator import itemgetter
from typing import Any

from loaders.code_forms import display_form
from loaders.sink import CodeRef

Pending = tuple[dict[str, Any], CodeRef | None, CodeRef | None]
Run = Callable[[str, list[dict[str, Any]]], Awaitable[list[Any]]]
Merge = asyncio.Task[None]
_ROW, _FIRST, _SECOND = itemgetter(0), itemgetter(1), itemgetter(2)


class CodeIds:
    """Each code is merged by exactly one transaction: a code already being merged is waited for, never merged
    again, so merges of disjoint sets may run at once (two transactions creating one code would collide)."""

    def __init__(self) -> None:
        self._ids: dict[CodeRef, str] = {}
        self._merging: dict[CodeRef, Merge] = {}

    def start(self, run: Run, keys: Iterable[CodeRef]) -> set[Merge]:
        """Starts one merge of the keys neither known nor being merged; returns every merge the keys wait on."""
        waits: set[Merge] = set()
        new: dict[CodeRef, None] = {}  # ordered and without repeats
        for key in keys:
            if key in self._ids:
                continue
            merge = self._merging.get(key)
            if merge is not None:
                waits.add(merge)
            else:
                new[key] = None
        if new:
            merge = asyncio.create_task(self._merge(run, list(new)))
            for key in new:
                self._merging[key] = merge
            waits.add(merge)
        return waits

    async def resolve(self, run: Run, keys: Iterable[CodeRef]) -> None:
        """Merges the keys not known yet and waits until every one has its id."""
        waits = self.start(run, keys)
        if waits:
            await asyncio.gather(*waits)

    async def _merge(self, run: Run, keys: list[CodeRef]) -> None:
        rows = [{"system": s, "code": c, "display": display_form(s, c)} for s, c in sorted(keys)]
        (record,) = await run("merge_code_ids", rows)
        for system, code, element_id in record["ids"]:
            self._ids[(system, code)] = element_id
        for key in keys:
            del self._merging[key]

    def missing(self, pending: Sequence[Pending]) -> set[CodeRef]:
        """The codes rows name that have no id yet (set operations: no Python step per row)."""
        named: set[CodeRef | None] = set(map(_FIRST, pending))
        named.update(map(_SECOND, pending))
        named.discard(None)
        ids = self._ids
        return {k for k in named if k not in ids}  # type: ignore[misc]  # None was discarded

    def fill(self, pending: Sequence[Pending]) -> list[dict[str, Any]]:
        """The rows with their codes' element ids as `a`/`b`; each row is a copy (rows may share one dict)."""
        ids = self._ids
        rows = []
        for row, a, b in pending:
            if a is not None or b is not None:
                row = row.copy()  # measured: a copy and two stores beat {**row, "a": .., "b": ..} twice over
                if a is not None:
                    row["a"] = ids[a]
                if b is not None:
                    row["b"] = ids[b]
            rows.append(row)
        return rows

    def pack(self, pending: Sequence[Pending]) -> tuple[list[list[int]], list[dict[str, Any]], list[str]]:
        """The rows as three columns (the row's place in each): its column 1 and column 2 codes in `ids`, the element
        ids of the batch's distinct codes (Neo4j finds each node once per batch), and its fields in `tails`, the
        distinct row dicts the rows share (ptp_chunks). No row is copied; no Python step a row (measured: a third of
        the time of a loop). Every row names two codes."""
        firsts, seconds = list(map(_FIRST, pending)), list(map(_SECOND, pending))
        rows = list(map(_ROW, pending))
        place = {code: i for i, code in enumerate(dict.fromkeys(chain(firsts, seconds)))}
        by_identity = dict(zip(map(id, rows), rows, strict=True))  # rows with the same fields share one dict
        tail_of = {key: k for k, key in enumerate(by_identity)}
        at = place.__getitem__
        columns = [list(map(at, firsts)), list(map(at, seconds)), list(map(tail_of.__getitem__, map(id, rows)))]
        ids = self._ids
        return columns, list(by_identity.values()), [ids[code] for code in place]
