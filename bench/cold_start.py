"""The first code pages a freshly started server answers, with its warm-up (NEO4J_WARM_S) and without, same run.

    python -m bench.cold_start [--rounds 3] [--pages 10]

Each round empties Neo4j's plan cache (db.clearQueryCaches: what a freshly started Neo4j has), starts one uvicorn
worker (metering off), waits for /readyz and asks the engine path's code page (bench.code_page's ENGINE_QUERY) for
`--pages` codes of the sample graph in turn. Rounds alternate with and without the warm-up. Neo4j's JVM stays warm
between rounds, so a Neo4j started afresh is slower than both (a stack's first page took 0.8 s without the warm-up).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time

import httpx

from bench.code_page import ENGINE_QUERY, serve
from bench.common import graph, row, sample_only, wait_ready

CODES = ["97550", "97551", "97552", "99291", "99292", "22600", "22612", "22614", "11042", "11045"]
PORT = 18631


async def one_round(warm_s: str, pages: int) -> tuple[float, list[float]]:
    """Seconds until ready, and the milliseconds of each page in turn."""
    g = graph()
    try:
        await g.run_autocommit("call_clear_query_caches")
    finally:
        await g.close()
    server = serve(PORT, metering=False, cache=True, NEO4J_WARM_S=warm_s, LOG_LEVEL="WARNING")
    try:
        async with httpx.AsyncClient(timeout=60) as client:
            started = time.perf_counter()
            await wait_ready(client, PORT)
            ready = time.perf_counter() - started
            took = []
            for code in (CODES * pages)[:pages]:
                body = {"query": ENGINE_QUERY, "variables": {"s": "CPT", "c": code, "to": "ICD10CM"}}
                started = time.perf_counter()
                answer = (await client.post(f"http://127.0.0.1:{PORT}/graphql", json=body)).json()
                took.append((time.perf_counter() - started) * 1000)
                assert "errors" not in answer and answer["data"]["code"], answer
        return ready, took
    finally:
        server.terminate()
        server.wait(30)


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3, help="rounds of each, alternating")
    parser.add_argument("--pages", type=int, default=10)
    args = parser.parse_args()
    await sample_only()
    runs: dict[str, list[tuple[float, list[float]]]] = {"0": [], "60": []}
    for _ in range(args.rounds):
        for warm_s in ("0", "60"):
            runs[warm_s].append(await one_round(warm_s, args.pages))
    print(f"First code pages of a fresh server, sample graph, medians of {args.rounds} rounds, one uvicorn worker")
    for warm_s, label in (("0", "NEO4J_WARM_S=0 (baseline)"), ("60", "NEO4J_WARM_S=60")):
        ready = statistics.median(r for r, _ in runs[warm_s])
        first = statistics.median(t[0] for _, t in runs[warm_s])
        rest = statistics.median(x for _, t in runs[warm_s] for x in t[1:])
        row(f"{label}: ready after", ready, "s")
        row(f"{label}: first page", first, "ms")
        row(f"{label}: later pages", rest, "ms", "median")


if __name__ == "__main__":
    asyncio.run(main())
