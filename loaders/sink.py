"""What a loader writes to: rows for named statements, sent in batches by the service's ingest layer.

Loaders own this interface and never see the driver: they parse (pure) and hand rows to a Sink. Rows that
name codes pass them as `a`/`b` (system, code) keys; the sink merges those code nodes and fills in their ids.
"""

from __future__ import annotations

from typing import Any, Protocol

Row = dict[str, Any]
CodeRef = tuple[str, str]
# A row naming two codes; many edges may share one row dict (sent once per batch, never changed)
Edge = tuple[Row, CodeRef, CodeRef]


class Sink(Protocol):
    async def add(self, statement: str, row: Row, a: CodeRef | None = None, b: CodeRef | None = None) -> None:
        """Queues one row for `statement` (a file in cypher/); full batches go out on their own."""
        ...

    async def add_codes(self, codes: list[CodeRef]) -> None:
        """Announces codes that rows added later will name, so the sink can merge them ahead of those rows."""
        ...

    async def add_edges(self, statement: str, edges: list[Edge]) -> None:
        """Queues many rows that name two codes each, at a fraction of `add`'s cost per row. The statement takes
        them compactly: `$rows` of `[a's element id, b's element id, k]`, k indexing `$tails`, the batch's distinct
        row dicts; a statement is fed by `add` or by `add_edges`, never both."""
        ...

    def count_source_row(self, n: int = 1) -> None:
        """Counts rows read from the source file (the load's summary and progress bar)."""
        ...

    async def flush(self) -> None:
        """Sends everything queued: a barrier between phases (e.g. codes before the notes that name them)."""
        ...
