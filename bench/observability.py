"""What metrics and logs cost per request, same run: with them and without.

    python -m bench.observability [--requests 3000] [--rounds 8]

Two figures:
1. The observing middleware alone (request id, latency histogram, 429 counter, one JSON log line written to a
   memory stream) around a bare ASGI app that answers at once, vs that bare app: the overhead isolated, as CPU
   time (what it costs) and wall time (on a shared machine, also the time spent waiting for a core).
2. A cached code request through the whole app in process (read cache warm, metering off), with metrics and
   logs on vs off (no middleware, no Cypher observer, log level WARNING), rounds interleaved: the end-to-end
   difference; on 2 shared cores its noise is of the order of the overhead, so figure 1 is the one to quote.
In both, the read-cache counters run in both arms (they are always on: two increments per request).
"""

from __future__ import annotations

import argparse
import asyncio
import io
import logging
import statistics
import time
from typing import Any

import httpx

from bench.common import row, sample_only
from graph_api import logs
from graph_api.server.app import create_app
from graph_api.server.observe import ObserveMiddleware
from graph_api.settings import get_settings

QUERY = {"query": '{ code(system: CPT, code: "97551") { code isAddOn primaryCodes { code } } }'}


async def _bare(scope: dict[str, Any], receive: Any, send: Any) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]})
    await send({"type": "http.response.body", "body": b"{}"})


async def _drive(app: Any, calls: int) -> tuple[float, float]:
    """Mean wall and CPU microseconds of one call of an ASGI app with a minimal request."""
    scope = {"type": "http", "method": "POST", "path": "/graphql", "headers": [(b"content-type", b"application/json")]}

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"{}", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        return None

    started, cpu = time.perf_counter(), time.process_time()
    for _ in range(calls):
        await app(dict(scope), receive, send)
    return (time.perf_counter() - started) / calls * 1e6, (time.process_time() - cpu) / calls * 1e6


async def _requests(client: httpx.AsyncClient, calls: int) -> float:
    started = time.perf_counter()
    for _ in range(calls):
        response = await client.post("/graphql", json=QUERY)
        assert response.status_code == 200 and "errors" not in response.json()
    return (time.perf_counter() - started) / calls * 1e3


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=8)
    args = parser.parse_args()
    logs.configure("INFO", io.StringIO())  # JSON lines formatted and written, to memory not a terminal
    null = logging.getLogger("graph_api").handlers[0]
    assert isinstance(null, logging.StreamHandler)

    observed = ObserveMiddleware(_bare)
    bare, seen = [], []
    for _ in range(args.rounds):
        null.stream = io.StringIO()
        bare.append(await _drive(_bare, args.requests))
        seen.append(await _drive(observed, args.requests))
    print(f"Observing middleware alone ({args.rounds} rounds x {args.requests} calls, median of round means)")
    for i, kind in ((1, "CPU"), (0, "wall")):
        row(f"bare ASGI app ({kind})", statistics.median(b[i] for b in bare), "us/call")
        row(f"with metrics + JSON log line ({kind})", statistics.median(o[i] for o in seen), "us/call")
        overhead = statistics.median(o[i] - b[i] for o, b in zip(seen, bare, strict=True))
        note = "(budget 0.05 ms)" if kind == "CPU" else "(wall: includes waiting for a core)"
        row(f"overhead per request ({kind})", overhead / 1000, "ms", note)

    await sample_only()
    settings = get_settings().model_copy(update={"metering": False, "read_cache_check_s": 1.0})
    on_app = create_app(settings)
    off_app = create_app(settings.model_copy(update={"metrics": False}))
    off_app.state.services.graph.observers.clear()
    times: dict[str, list[float]] = {"on": [], "off": []}
    async with (
        httpx.AsyncClient(transport=httpx.ASGITransport(app=on_app), base_url="http://b") as on,
        httpx.AsyncClient(transport=httpx.ASGITransport(app=off_app), base_url="http://b") as off,
    ):
        for client in (on, off):
            await _requests(client, 50)  # warm: parse caches, read cache, connections
        calls = max(args.requests // 10, 50)
        for _ in range(args.rounds):
            logging.getLogger("graph_api").setLevel("WARNING")
            times["off"].append(await _requests(off, calls))
            logging.getLogger("graph_api").setLevel("INFO")
            null.stream = io.StringIO()
            times["on"].append(await _requests(on, calls))
    for app in (on_app, off_app):
        await app.state.services.close()
    print(f"Cached code request through the app in process ({args.rounds} rounds x {calls}, median of round means)")
    row("metrics and logs off", statistics.median(times["off"]), "ms/req")
    row("metrics and logs on", statistics.median(times["on"]), "ms/req")
    row("difference", statistics.median(times["on"]) - statistics.median(times["off"]), "ms/req", "(noisy)")


if __name__ == "__main__":
    asyncio.run(main())
