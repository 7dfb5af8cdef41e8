"""Every load is a Release: staged under its own id, then switched to current in one step.

Two modes. `atomic` writes everything in one transaction (code sets, AOC, MUE, GEMs: up to a few
hundred thousand rows). `staged` writes batches in their own transactions under a release id that
no read sees until the final switch (multi-million-row PTP tables); a failure removes what it wrote.
Either way a failed load leaves the previous release as it was.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from graph_api.graph import Graph
from loaders.code_ids import CodeIds
from loaders.progress import Progress

Row = dict[str, Any]
CodeRef = tuple[str, str]
Run = Callable[[str, list[Row]], Coroutine[Any, Any, list[Any]]]


@dataclass(frozen=True, slots=True)
class SourceFile:
    path: Path
    sha256: str

    @classmethod
    def of(cls, path: Path) -> SourceFile:
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
        return cls(path, digest.hexdigest())


@dataclass(slots=True)
class LoadSummary:
    source: str
    label: str
    release_id: str = ""
    unchanged: bool = False
    rows: int = 0
    counts: dict[str, int] = field(default_factory=dict)


class Batcher:
    """Collects rows per statement and sends each full batch with one UNWIND round trip.

    Rows that name codes pass them as `a`/`b` (system, code) keys; before a batch goes out, its codes
    are merged once (`CodeIds`) and the rows get their element ids. With `writers` > 1, that many
    batches are in flight at once while the caller goes on parsing (staged loads only: the batches
    are separate transactions). With `one_transaction` the batches share one transaction: one batch is in
    flight while the caller parses the next (Neo4j works while Python parses), never two at once.
    """

    def __init__(
        self,
        run: Run,
        size: int,
        summary: LoadSummary,
        progress: Progress | None,
        writers: int = 1,
        one_transaction: bool = False,
    ) -> None:
        self._run = run
        self._size = size
        self._pending: dict[str, list[tuple[Row, CodeRef | None, CodeRef | None]]] = {}
        self._summary = summary
        self._progress = progress
        self._writers = 1 if one_transaction else writers
        self._one_transaction = one_transaction
        self._inflight: set[asyncio.Task[Any]] = set()
        self._codes = CodeIds()

    async def add(self, statement: str, row: Row, a: CodeRef | None = None, b: CodeRef | None = None) -> None:
        rows = self._pending.setdefault(statement, [])
        rows.append((row, a, b))
        if len(rows) >= self._size:
            await self._flush(statement)

    def count_source_row(self, n: int = 1) -> None:
        self._summary.rows += n
        if self._progress:
            self._progress.advance(n)

    async def _flush(self, statement: str) -> None:
        pending = self._pending.pop(statement, [])
        if not pending:
            return
        keys = {k for _, a, b in pending for k in (a, b) if k is not None}
        if self._one_transaction and not self._codes.known(keys):
            await self._drain()  # a transaction runs one statement at a time
        await self._codes.resolve(self._run, keys)
        rows = []
        for row, a, b in pending:
            if a is not None:
                row["a"] = self._codes[a]
            if b is not None:
                row["b"] = self._codes[b]
            rows.append(row)
        self._summary.counts[statement] = self._summary.counts.get(statement, 0) + len(rows)
        if self._writers == 1 and not self._one_transaction:
            await self._checked(statement, rows)
            return
        while len(self._inflight) >= self._writers:
            done, self._inflight = await asyncio.wait(self._inflight, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                task.result()
        self._inflight.add(asyncio.create_task(self._checked(statement, rows)))
        await asyncio.sleep(0)  # lets the batch go out before the caller goes back to parsing

    async def _drain(self) -> None:
        inflight, self._inflight = self._inflight, set()
        for result in await asyncio.gather(*inflight, return_exceptions=True):
            if isinstance(result, BaseException):
                raise result

    async def _checked(self, statement: str, rows: list[Row]) -> None:
        """A statement that reports `written` must have written every row it was sent."""
        records = await self._run(statement, rows)
        # a neo4j Record is a tuple: `in` would test its values, not its keys
        if not records or "written" not in records[0].keys():  # noqa: SIM118
            return
        record = records[0]
        if record["written"] != len(rows):
            raise RuntimeError(f"{statement} wrote {record['written']} of {len(rows)} rows")
        for key in record.keys():  # noqa: SIM118 - also counted: added, changed, linked
            if key != "written":
                self._summary.counts[key] = self._summary.counts.get(key, 0) + record[key]

    async def flush(self) -> None:
        """Sends everything pending and waits for every batch in flight: a barrier between phases."""
        for statement in list(self._pending):
            await self._flush(statement)
        await self._drain()

    async def settle(self) -> None:
        """Waits for every batch in flight, quiet about their errors: the caller is failing already."""
        await asyncio.gather(*self._inflight, return_exceptions=True)
        self._inflight.clear()

    async def abort(self) -> None:
        for task in self._inflight:
            task.cancel()
        await asyncio.gather(*self._inflight, return_exceptions=True)
        self._inflight.clear()


Writer = Callable[[Batcher], Awaitable[None]]


def _release_id(source: str, label: str) -> str:
    return f"{source}/{label}/{datetime.now(UTC).strftime('%Y%m%dT%H%M%S%fZ')}"


async def load_release(
    graph: Graph,
    *,
    source: str,
    label: str,
    files: list[Path],
    write: Writer,
    staged: bool = False,
    progress: Progress | None = None,
    close_missing: bool = False,
) -> LoadSummary:
    """Loads one release of `source`. `close_missing` (code sets): codes the previous release named and
    this one does not get a termination date; they are never deleted."""
    summary = LoadSummary(source=source, label=label)
    digests = [SourceFile.of(p) for p in files]
    names = [p.name for p in files]
    shas = [d.sha256 for d in digests]
    current = await graph.read("get_current_release", source=source)
    if current and current[0]["sha256"] == shas:
        summary.unchanged = True
        summary.release_id = current[0]["id"]
        return summary
    rid = summary.release_id = _release_id(source, label)
    meta = {"id": rid, "source": source, "label": label, "files": names, "sha256": shas}
    size = graph.settings.load_batch_size
    if not staged:
        async with graph.transaction() as tx:
            await tx.run("create_release", **meta)
            batcher = Batcher(
                lambda name, rows: tx.run(name, rows=rows, rid=rid), size, summary, progress, one_transaction=True
            )
            try:
                await write(batcher)
                await batcher.flush()
            except BaseException:
                await batcher.settle()  # the batch in flight finishes before the transaction rolls back
                raise
            if close_missing:
                closed = await tx.run("set_closed_codes", source=source, rid=rid, closeDate=date.today())
                summary.counts["closed"] = closed[0]["closed"]
            await tx.run("switch_release", source=source, id=rid, rows=summary.rows)
            for statement in ("delete_superseded_edges", "delete_superseded_nodes"):
                while (await tx.run(statement, source=source, limit=50_000))[0]["deleted"]:
                    pass
        return summary

    await remove_unfinished(graph, source)
    await graph.write("create_release", **meta)
    batcher = Batcher(
        lambda name, rows: graph.write(name, rows=rows, rid=rid),
        size,
        summary,
        progress,
        writers=graph.settings.load_writers,
    )
    try:
        await write(batcher)
        await batcher.flush()
    except BaseException:
        await batcher.abort()
        # Neo4j may be what failed; then the next load of this source removes the staged rows.
        with contextlib.suppress(Exception):
            await remove_release(graph, rid)
        raise
    await graph.write("switch_release", source=source, id=rid, rows=summary.rows)
    for statement in ("delete_superseded_edges", "delete_superseded_nodes"):
        while (await graph.write(statement, source=source, limit=50_000))[0]["deleted"]:
            pass
    return summary


async def remove_release(graph: Graph, rid: str) -> None:
    """Deletes what a staged release wrote: its edges, the bare code nodes it created, the node itself."""
    while (await graph.write("delete_release_edges", rid=rid, limit=50_000))[0]["deleted"]:
        pass
    await graph.write("delete_release", rid=rid)


async def remove_unfinished(graph: Graph, source: str) -> None:
    for record in await graph.read("get_unfinished_releases", source=source):
        await remove_release(graph, record["id"])
