"""Real `graph-api serve` processes on free ports, for tests where two processes (or a real socket) matter."""

from __future__ import annotations

import asyncio
import os
import socket
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import httpx

from graph_api.settings import Settings

GRAPH_API = str(Path(sys.executable).with_name("graph-api"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def wait_healthy(client: httpx.AsyncClient, port: int) -> None:
    for _ in range(200):
        try:
            if (await client.get(f"http://127.0.0.1:{port}/healthz")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.1)
    raise AssertionError(f"graph-api serve on port {port} did not become healthy")


@asynccontextmanager
async def servers(settings: Settings, count: int = 1, log: Path | None = None, **env: str) -> AsyncIterator[list[str]]:
    """`count` servers sharing the test stack; yields their base URLs. Their output goes to `log` if given."""
    ports = [free_port() for _ in range(count)]
    environ = {**os.environ, "NEO4J_URI": settings.neo4j_uri, "REDIS_URL": settings.redis_url, **env}
    out = log.open("ab") if log else None
    # Starting server processes is test set-up, not request work.
    procs = [
        subprocess.Popen(  # noqa: ASYNC220
            [GRAPH_API, "serve", "--host", "127.0.0.1", "--port", str(p)],
            env=environ,
            stdout=out or subprocess.DEVNULL,
            stderr=subprocess.STDOUT if out else subprocess.DEVNULL,
        )
        for p in ports
    ]
    try:
        async with httpx.AsyncClient(timeout=20) as client:
            for port in ports:
                await wait_healthy(client, port)
        yield [f"http://127.0.0.1:{p}" for p in ports]
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(timeout=10)
        if out:
            out.close()
