"""`graph-api serve` with a bad configuration stops before it serves, with one line naming the setting."""

from __future__ import annotations

import os
import subprocess
import sys

from graph_api.ops.isolated import free_port
from graph_api.settings import Settings


def _serve(**env: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "graph_api.ops.cli", "serve", "--port", str(free_port())]
    return subprocess.run(command, env={**os.environ, **env}, capture_output=True, text=True, timeout=120)


def _one_line(done: subprocess.CompletedProcess[str]) -> str:
    assert done.returncode == 4, done.stderr
    assert "Traceback" not in done.stderr and done.stderr.strip().count("\n") == 0, done.stderr
    return done.stderr.strip()


def test_a_cluster_url_that_does_not_answer() -> None:
    port = free_port()
    line = _one_line(_serve(NEO4J_URI=f"neo4j://127.0.0.1:{port}"))
    assert line.startswith(f"error: NEO4J_URI=neo4j://127.0.0.1:{port}: nothing answers")


def test_a_neo4j_url_that_is_not_neo4j(settings: Settings) -> None:
    host, port = settings.redis_host_port  # something answers there, but it is Redis
    line = _one_line(_serve(NEO4J_URI=f"neo4j://{host}:{port}", NEO4J_CONNECT_TIMEOUT_S="1", NEO4J_RETRY_TIME_S="1"))
    assert line.startswith(f"error: NEO4J_URI=neo4j://{host}:{port}: ")


def test_redis_cluster_setting_that_does_not_match_the_server(settings: Settings) -> None:
    flipped = "0" if settings.redis_cluster else "1"
    line = _one_line(_serve(REDIS_CLUSTER=flipped))
    assert "REDIS_CLUSTER" in line and settings.redis_url in line


def test_a_redis_url_that_does_not_answer() -> None:
    url = f"redis://127.0.0.1:{free_port()}/0"
    assert _one_line(_serve(REDIS_URL=url)).startswith(f"error: REDIS_URL={url}: no Redis answers there")
