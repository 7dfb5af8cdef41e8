"""Shared bench plumbing: settings of the stack under test, a clean graph, figures printed side by side."""

from __future__ import annotations

import asyncio
import os
import resource
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx

from graph_api.ingest.kinds import load
from graph_api.settings import get_settings
from graph_api.store.graph import Graph
from graph_api.store.indexes import ensure_graph_model

DATA = Path(__file__).parent / ".data"


def graph() -> Graph:
    settings = get_settings()
    return Graph(settings)


async def reset(g: Graph) -> None:
    await g.run_autocommit("delete_all_relationships")
    await g.run_autocommit("delete_all_nodes")
    await ensure_graph_model(g)


async def sample_only() -> None:
    """Empties the graph of NEO4J_URI and loads the sample graph alone (the benches that serve the sample)."""
    g = graph()
    try:
        await reset(g)
        await load(g, "sample")
    finally:
        await g.close()


async def settle(seconds: float = 5.0) -> None:
    """After a reset, a pause before a timed run, so it does not pay for the work the deletes left Neo4j
    (Community has no db.checkpoint() to force it); every timed run of a comparison gets the same."""
    await asyncio.sleep(seconds)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def timed(call: Callable[[], Awaitable[object]], calls: int) -> list[float]:
    """Milliseconds of each of `calls` sequential awaits of `call`."""
    samples = []
    for _ in range(calls):
        started = time.perf_counter()
        await call()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def row(label: str, value: float, unit: str, note: str = "") -> None:
    shown = f"{value:>12,.3f}" if abs(value) < 10 else f"{value:>12,.1f}"
    print(f"  {label:<44} {shown} {unit:<8} {note}")


ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"


def server_env(**extra: str) -> dict[str, str]:
    """The environment of a server a bench starts: fair use off (one identity sends every request, so the
    per-minute limits would measure the limiter with 429s; bench/checks.py measures what fair use costs)."""
    return {**os.environ, "REQUESTS_PER_MINUTE": "0", "COST_PER_MINUTE": "0", **extra}


async def wait_ready(client: httpx.AsyncClient, port: int) -> None:
    """Until a server a bench started answers /readyz (at most 60 s)."""
    for _ in range(600):
        try:
            if (await client.get(f"http://127.0.0.1:{port}/readyz")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.1)
    raise SystemExit("the server did not become ready within 60 s")
