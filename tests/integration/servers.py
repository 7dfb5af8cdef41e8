"""Real `graph-api serve` processes for tests of what several replicas share (Neo4j and Redis, nothing else)."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx

from graph_api.ops.isolated import free_port


async def wait_ready(client: httpx.AsyncClient, port: int, path: str = "/healthz", timeout_s: float = 180) -> None:
    for _ in range(int(timeout_s * 10)):
        try:
            if (await client.get(f"http://127.0.0.1:{port}{path}")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.1)
    raise AssertionError(f"graph-api serve on port {port} did not answer {path} within {timeout_s:.0f} s")


@asynccontextmanager
async def serving(count: int, log_dir: Path, workers: int = 1, **env: str) -> AsyncIterator[list[int]]:
    """`count` server processes (each with `workers` uvicorn workers) on free ports; their ports."""
    ports = [free_port() for _ in range(count)]
    command = [sys.executable, "-m", "graph_api.ops.cli", "serve", "--workers", str(workers)]
    # Generous timeouts: these tests are about what replicas share, not about latency on a busy machine (the
    # service's own 0.1 s Redis budget fails closed by design; test_metering and test_availability cover that).
    slack = {"REDIS_TIMEOUT_S": "2", "NEO4J_ACQUIRE_TIMEOUT_S": "20", "NEO4J_CONNECT_TIMEOUT_S": "10"}
    environment = {**os.environ, **slack, **env}
    servers = []
    for port in ports:
        log = (log_dir / f"serve-{port}.log").open("wb")
        # Starting real server processes is test set-up, not request work.
        servers.append(
            (subprocess.Popen([*command, "--port", str(port)], env=environment, stdout=log, stderr=log), log)  # noqa: ASYNC220
        )
    try:
        async with httpx.AsyncClient(timeout=30) as client:
            for port in ports:
                await wait_ready(client, port)
        yield ports
    finally:
        for server, log in servers:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(timeout=10)
            log.close()
