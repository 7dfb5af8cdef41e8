"""Two workers vs one, same run: closed-loop throughput and latency of `graph-api serve --workers N`.

    python -m bench.workers [--seconds 20] [--clients 16]

The same mixed workload as bench/soak.py, as fast as --clients concurrent callers can send it, for --seconds
against one worker, then two. On a 2-core machine shared with the load generator and Neo4j, the gain is
bounded by the cores left over: the figure says what a second process buys here, not on a larger host.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import statistics
import subprocess
import sys
import time

import httpx

from bench.common import row, sample_only, server_env, wait_ready
from bench.soak import CPT, QUERIES
from graph_api.access.identity import issue_token
from graph_api.ops.isolated import free_port
from graph_api.settings import get_settings


async def _measure(workers: int, seconds: float, clients: int, token: str) -> tuple[float, float, float, int]:
    port = free_port()
    command = [sys.executable, "-m", "graph_api.ops.cli", "serve", "--port", str(port), "--workers", str(workers)]
    server = subprocess.Popen(  # noqa: ASYNC220
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=server_env()
    )
    latencies: list[float] = []
    errors = 0
    try:
        limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
        async with httpx.AsyncClient(timeout=30, limits=limits) as client:
            await wait_ready(client, port)
            url = f"http://127.0.0.1:{port}/graphql"
            headers = {"authorization": f"Bearer {token}"}
            mix = itertools.cycle(QUERIES)
            codes = itertools.cycle(CPT)
            deadline = time.perf_counter() + 3  # warm-up: connections, parse caches, read cache

            async def caller(record: bool) -> None:
                nonlocal errors
                while time.perf_counter() < deadline:
                    _, query = next(mix)
                    started = time.perf_counter()
                    response = await client.post(
                        url, json={"query": query, "variables": {"c": next(codes)}}, headers=headers
                    )
                    if record:
                        latencies.append((time.perf_counter() - started) * 1000)
                        errors += response.status_code != 200 or "errors" in response.json()

            await asyncio.gather(*(caller(False) for _ in range(clients)))
            deadline = time.perf_counter() + seconds
            started = time.perf_counter()
            await asyncio.gather(*(caller(True) for _ in range(clients)))
            elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=60)
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return len(latencies) / elapsed, statistics.median(latencies), p99, errors


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--clients", type=int, default=16)
    args = parser.parse_args()
    await sample_only()
    token = issue_token(get_settings(), "bench-workers", "premium")
    print(f"graph-api serve, mixed workload, {args.clients} concurrent callers, {args.seconds:g} s each")
    for workers in (1, 2):
        rate, p50, p99, errors = await _measure(workers, args.seconds, args.clients, token)
        row(f"{workers} worker(s): throughput", rate, "req/s", f"{errors} errors")
        row(f"{workers} worker(s): p50 / p99", p50, "ms", f"p99 {p99:.1f} ms")


if __name__ == "__main__":
    asyncio.run(main())
