"""Sends a loader's rows in batches: one UNWIND round trip per full batch, code ids resolved once."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from typing import Any, Protocol

from graph_api.ingest.code_ids import CodeIds, Merge
from graph_api.ingest.progress import Progress
from graph_api.ingest.summary import LoadSummary
from loaders.sink import CodeRef, Edge, Row

Pending = tuple[Row, CodeRef | None, CodeRef | None]


class Run(Protocol):
    def __call__(self, statement: str, rows: list[Any], /, **params: Any) -> Awaitable[list[Any]]: ...


class Batcher:
    """Collects rows per statement and sends each full batch with one UNWIND round trip.

    Rows that name codes pass them as `a`/`b` (system, code) keys; before a batch goes out, its codes
    are merged once (`CodeIds`) and the rows get their element ids. With `writers` > 1, that many
    batches are written at once while the caller goes on parsing, and one more waits with its codes merged
    and rows built, to go out the moment a writer frees up (staged loads only: the batches are separate
    transactions). With `one_transaction` the batches share one transaction: one batch is in
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
        self._pending: dict[str, list[Pending]] = {}
        self._summary = summary
        self._progress = progress
        self._writers = 1 if one_transaction else writers
        self._one_transaction = one_transaction
        self._inflight: set[asyncio.Task[Any]] = set()
        self._codes = CodeIds()
        self._merges: set[Merge] = set()
        self._writing = asyncio.Semaphore(self._writers)
        self._compact: dict[str, bool] = {}  # by statement: fed by add_edges (compact rows, CodeIds.pack)?

    def _kind(self, statement: str, compact: bool) -> None:
        if self._compact.setdefault(statement, compact) != compact:
            raise ValueError(f"{statement} is fed by {'add_edges' if not compact else 'add'}, not both")

    async def add(self, statement: str, row: Row, a: CodeRef | None = None, b: CodeRef | None = None) -> None:
        self._kind(statement, False)
        rows = self._pending.setdefault(statement, [])
        rows.append((row, a, b))
        if len(rows) >= self._size:
            await self._flush(statement)

    async def add_codes(self, codes: list[CodeRef]) -> None:
        """Codes that rows will name. Staged, they are merged at once, in a writer slot each merge, while the
        caller goes on (their rows wait only for the merges of their own codes); otherwise before returning."""
        if self._writers == 1:
            await self._drain()  # one transaction runs one statement at a time
            await self._codes.resolve(self._run, codes)
            return
        self._merges.update(self._codes.start(self._in_slot, codes))
        await asyncio.sleep(0)  # lets the merge go out before the caller goes back to parsing

    async def _in_slot(self, statement: str, rows: list[Row]) -> list[Any]:
        async with self._writing:
            return await self._run(statement, rows)

    async def add_edges(self, statement: str, edges: list[Edge]) -> None:
        """Sent as three columns (`$rows`) of places in `$ids` and `$tails`, the batch's distinct codes and fields."""
        self._kind(statement, True)
        rows = self._pending.setdefault(statement, [])
        rows.extend(edges)
        while len(rows) >= self._size:
            self._pending[statement] = rows[self._size :]
            del rows[self._size :]
            await self._flush_rows(statement, rows)
            rows = self._pending[statement]
        await asyncio.sleep(0)  # batches in flight that finished while the caller parsed hand back their writer

    def count_source_row(self, n: int = 1) -> None:
        self._summary.rows += n
        if self._progress:
            self._progress.advance(n)

    async def _flush(self, statement: str) -> None:
        pending = self._pending.pop(statement, [])
        if pending:
            await self._flush_rows(statement, pending)

    async def _flush_rows(self, statement: str, pending: list[Pending]) -> None:
        self._summary.counts[statement] = self._summary.counts.get(statement, 0) + len(pending)
        missing = self._codes.missing(pending)
        if self._one_transaction:
            if missing:
                await self._drain()  # a transaction runs one statement at a time
                await self._codes.resolve(self._run, missing)
                missing = set()
        elif self._writers == 1:
            await self._codes.resolve(self._run, missing)
            await self._checked(statement, len(pending), *self._build(statement, pending))
            return
        # Staged: one batch more than writers, ready (codes merged, rows built) the moment a writer frees up
        while len(self._inflight) >= self._writers + (0 if self._one_transaction else 1):
            done, self._inflight = await asyncio.wait(self._inflight, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                task.result()
        merges: set[Merge] = set()
        if missing:  # started now, so the codes of earlier batches go first
            merges = self._codes.start(self._in_slot, missing)
            self._merges.update(merges)
        self._inflight.add(asyncio.create_task(self._send(statement, pending, merges)))
        await asyncio.sleep(0)  # lets the batch go out before the caller goes back to parsing

    async def _send(self, statement: str, pending: list[Pending], merges: set[Merge]) -> None:
        """Waits for the merges of the codes the batch names (each in a writer slot), while the caller parses on."""
        if merges:
            await asyncio.gather(*merges)
        rows, params = self._build(statement, pending)
        async with self._writing:
            await self._checked(statement, len(pending), rows, params)

    def _build(self, statement: str, pending: list[Pending]) -> tuple[list[Any], dict[str, Any]]:
        """The rows to send, with their codes' ids, and any parameter beside them."""
        if self._compact[statement]:
            rows, tails, ids = self._codes.pack(pending)
            return rows, {"tails": tails, "ids": ids}
        return self._codes.fill(pending), {}

    async def _drain(self) -> None:
        tasks = [*self._inflight, *self._merges]
        self._inflight, self._merges = set(), set()
        for result in await asyncio.gather(*tasks, return_exceptions=True):
            if isinstance(result, BaseException):
                raise result

    async def _checked(self, statement: str, count: int, rows: list[Any], params: dict[str, Any]) -> None:
        """A statement that reports `written` must have written every one of the `count` rows it was sent."""
        records = await self._run(statement, rows, **params)
        # a neo4j Record is a tuple: `in` would test its values, not its keys
        if not records or "written" not in records[0].keys():  # noqa: SIM118
            return
        record = records[0]
        if record["written"] != count:
            raise RuntimeError(f"{statement} wrote {record['written']} of {count} rows")
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
        await asyncio.gather(*self._inflight, *self._merges, return_exceptions=True)
        self._inflight.clear()
        self._merges.clear()

    async def abort(self) -> None:
        tasks = [*self._inflight, *self._merges]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._inflight.clear()
        self._merges.clear()
