"""Every load is a Release: staged under its own id, then switched to current in one step.

Two modes. `atomic` writes everything in one transaction (code sets, AOC, MUE, GEMs: up to a few
hundred thousand rows). `staged` writes batches in their own transactions under a release id that
no read sees until the final switch (multi-million-row PTP tables); a failure removes what it wrote.
Either way a failed load leaves the previous release as it was.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from graph_api.graph import Graph
from loaders.progress import Progress

Row = dict[str, Any]
Send = Callable[[str, list[Row]], Awaitable[Any]]


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
    """Collects rows per statement and sends each full batch with one UNWIND round trip."""

    def __init__(self, send: Send, size: int, summary: LoadSummary, progress: Progress | None) -> None:
        self._send = send
        self._size = size
        self._pending: dict[str, list[Row]] = {}
        self._summary = summary
        self._progress = progress

    async def add(self, statement: str, row: Row) -> None:
        rows = self._pending.setdefault(statement, [])
        rows.append(row)
        if len(rows) >= self._size:
            await self._flush(statement)

    def count_source_row(self, n: int = 1) -> None:
        self._summary.rows += n
        if self._progress:
            self._progress.advance(n)

    async def _flush(self, statement: str) -> None:
        rows = self._pending.pop(statement, [])
        if rows:
            await self._send(statement, rows)
            self._summary.counts[statement] = self._summary.counts.get(statement, 0) + len(rows)

    async def flush(self) -> None:
        for statement in list(self._pending):
            await self._flush(statement)


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
) -> LoadSummary:
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
            batcher = Batcher(lambda name, rows: tx.run(name, rows=rows, rid=rid), size, summary, progress)
            await write(batcher)
            await batcher.flush()
            await tx.run("switch_release", source=source, id=rid, rows=summary.rows)
            while (await tx.run("delete_superseded_edges", source=source, limit=50_000))[0]["deleted"]:
                pass
        return summary

    await remove_unfinished(graph, source)
    await graph.write("create_release", **meta)
    try:
        batcher = Batcher(lambda name, rows: graph.write(name, rows=rows, rid=rid), size, summary, progress)
        await write(batcher)
        await batcher.flush()
    except BaseException:
        # Neo4j may be what failed; then the next load of this source removes the staged rows.
        with contextlib.suppress(Exception):
            await remove_release(graph, rid)
        raise
    await graph.write("switch_release", source=source, id=rid, rows=summary.rows)
    while (await graph.write("delete_superseded_edges", source=source, limit=50_000))[0]["deleted"]:
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
