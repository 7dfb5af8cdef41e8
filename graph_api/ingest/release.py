"""Every load is a Release: staged under its own id, then switched to current in one step.

Two modes. `atomic` writes everything in one transaction (code sets, AOC, MUE, GEMs: up to a few
hundred thousand rows). `staged` writes batches in their own transactions under a release id that
no read sees until the final switch (multi-million-row PTP tables); a failure removes what it wrote.
Either way a failed load leaves the previous release as it was.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import neo4j

from graph_api.ingest.batcher import Batcher
from graph_api.ingest.effective import effective_date
from graph_api.ingest.progress import Progress
from graph_api.ingest.summary import LoadSummary
from graph_api.store.graph import Graph
from loaders.sink import Sink

Writer = Callable[[Sink], Awaitable[None]]
Run = Callable[..., Awaitable[list[neo4j.Record]]]
DELETE_CHUNK = 50_000
log = logging.getLogger("graph_api.load")
VERSION_CHUNK = 2_000


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _release_id(source: str, label: str) -> str:
    return f"{source}/{label}/{datetime.now(UTC).strftime('%Y%m%dT%H%M%S%fZ')}"


async def load_release(graph: Graph, *, source: str, label: str, **kwargs: Any) -> LoadSummary:
    """Loads one release of `source` (see _load_release) and logs one JSON line about it, however it ends."""
    started = time.perf_counter()
    fields: dict[str, Any] = {"source": source, "label": label}
    try:
        summary = await _load_release(graph, source=source, label=label, **kwargs)
    except BaseException as exc:
        fields |= {"outcome": "failed", "error": type(exc).__name__, "s": round(time.perf_counter() - started, 3)}
        log.warning("load", extra={"fields": fields})
        raise
    fields |= {
        "outcome": "unchanged" if summary.unchanged else "switched",
        "release": summary.release_id,
        "rows": summary.rows,
        "s": round(time.perf_counter() - started, 3),
    }
    log.info("load", extra={"fields": fields})
    return summary


async def _load_release(
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
    shas = [sha256_of(p) for p in files]
    current = await graph.read("get_current_release", source=source)
    if current and current[0]["sha256"] == shas:
        summary.unchanged = True
        summary.release_id = current[0]["id"]
        if close_missing:  # a load killed before its versions were all written: they are completed now
            await write_versions(graph, summary.release_id)
        return summary
    rid = summary.release_id = _release_id(source, label)
    names = [p.name for p in files]
    meta = {
        "id": rid,
        "source": source,
        "label": label,
        "files": names,
        "sha256": shas,
        "effective": effective_date(source, [label, *names]),
    }
    size = graph.settings.load_batch_size
    if not staged:
        async with graph.transaction() as tx:
            await tx.run("create_release", **meta)
            batcher = Batcher(
                lambda name, rows, /, **more: tx.run(name, rows=rows, rid=rid, **more),
                size,
                summary,
                progress,
                one_transaction=True,
            )
            try:
                await write(batcher)
                await batcher.flush()
            except BaseException:
                await batcher.settle()  # the batch in flight finishes before the transaction rolls back
                raise
            await _switch(tx.run, summary, close_missing)
        if close_missing:
            await write_versions(graph, rid)
        return summary

    await remove_unfinished(graph, source)
    await graph.write("create_release", **meta)
    batcher = Batcher(
        lambda name, rows, /, **more: graph.write(name, rows=rows, rid=rid, **more),
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
        # Neo4j may be what failed; then the next load (or `stack up`) removes the staged rows.
        with contextlib.suppress(Exception):
            await remove_release(graph, rid)
        raise
    await _switch(graph.write, summary, close_missing)
    if close_missing:
        await write_versions(graph, rid)
    return summary


async def write_versions(graph: Graph, rid: str) -> None:
    """The version a code-set release states of each code it named, a chunk per transaction."""
    while (await graph.write("create_code_versions", rid=rid, limit=VERSION_CHUNK))[0]["written"]:
        pass


async def _switch(run: Run, summary: LoadSummary, close_missing: bool) -> None:
    """Makes the release current and drops what the release it replaces wrote alone."""
    source, rid = summary.source, summary.release_id
    if close_missing:
        closed = await run("set_closed_codes", source=source, rid=rid, closeDate=date.today())
        summary.counts["closed"] = closed[0]["closed"]
    switched = await run("switch_release", source=source, id=rid, rows=summary.rows)
    if not switched[0]["superseded"]:
        return  # a first load: the deletes would find nothing (and may cost a fresh plan on a grown graph)
    for statement in ("delete_superseded_edges", "delete_superseded_nodes"):
        await _delete_in_chunks(run, statement, source=source)


async def _delete_in_chunks(run: Run, statement: str, **params: Any) -> None:
    while (await run(statement, limit=DELETE_CHUNK, **params))[0]["deleted"]:
        pass


async def remove_release(graph: Graph, rid: str) -> None:
    """Deletes what a staged release wrote: its edges, the bare code nodes it created, the node itself."""
    await _delete_in_chunks(graph.write, "delete_release_edges", rid=rid)
    await graph.write("delete_release", rid=rid)


async def remove_unfinished(graph: Graph, source: str | None = None) -> list[str]:
    """Removes staged releases that never switched (a killed load); every source when none is named."""
    removed = []
    for record in await graph.read("get_unfinished_releases", source=source):
        await remove_release(graph, record["id"])
        removed.append(record["id"])
    return removed
