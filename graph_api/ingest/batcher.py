"""Sends a loader's rows in batches: one UNWIND round trip per full batch, code ids resolved once."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any

from graph_api.ingest.code_ids import CodeIds
from graph_api.ingest.progress import Progress
from graph_api.ingest.summary import LoadSummary
from loaders.sink import CodeRef, Row

Run = Callable[[str, list[Row]], Coroutine[Any, Any, list[Any]]]


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
