"""Code nodes an edge loader names, merged once and then addressed by element id.

Edge statements look their endpoints up by element id instead of the (system, code) index: on this
hardware that doubles edge throughput. Bounded by the number of distinct codes a file names.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Sequence
from typing import Any

from loaders.code_forms import display_form
from loaders.sink import CodeRef

Pending = tuple[dict[str, Any], CodeRef | None, CodeRef | None]
Run = Callable[[str, list[dict[str, Any]]], Awaitable[list[Any]]]
Merge = asyncio.Task[None]


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
        named: set[CodeRef | None] = {a for _, a, _ in pending}
        named.update(b for _, _, b in pending)
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

    def pack(self, pending: Sequence[Pending]) -> tuple[list[list[Any]], list[dict[str, Any]]]:
        """Rows as `[a id, b id, k]`, k indexing the distinct row dicts (tails) they share, sent once per batch:
        no row copied, three values packed a row instead of ten keyed ones. Every row names two codes."""
        ids = self._ids
        index: dict[int, int] = {}  # by identity: rows with the same fields share one dict (ptp_chunks)
        tails: list[dict[str, Any]] = []
        rows = []
        for row, a, b in pending:
            k = index.get(id(row))
            if k is None:
                k = index[id(row)] = len(tails)
                tails.append(row)
            rows.append([ids[a], ids[b], k])  # type: ignore[index]  # add_edges rows name two codes
        return rows, tails
