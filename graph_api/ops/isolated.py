"""`graph-api stack run -- CMD`: CMD against a throwaway Neo4j and Redis of its own.

Ports are chosen free at start and the data lives under `<stack_dir>/runs/<pid>`, so two checkouts (or two
runs in one checkout) never share a server; the Neo4j jars are fetched once per checkout and shared.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import Sequence

from graph_api.ops import stack
from graph_api.settings import Settings


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run(settings: Settings, command: Sequence[str], echo: stack.Echo) -> int:
    if not command:
        raise stack.StackError("stack run needs a command after `--`, e.g. graph-api stack run -- pytest")
    root = settings.stack_dir / "runs" / str(os.getpid())
    # The scheme of the caller's NEO4J_URI is kept: NEO4J_URI=neo4j://... runs CMD through the routing driver.
    scheme = "neo4j" if settings.neo4j_uri.startswith("neo4j") else "bolt"  # no TLS on loopback: +s dropped
    env = {
        "NEO4J_URI": f"{scheme}://127.0.0.1:{free_port()}",
        "REDIS_URL": f"redis://127.0.0.1:{free_port()}/0",
        "STACK_DIR": str(root),
        "NEO4J_DIST_DIR": str(settings.neo4j_dist_dir or settings.stack_dir / "neo4j"),
        # REDIS_CLUSTER=1: a three-node Redis Cluster on loopback, REDIS_URL its first node.
        "REDIS_CLUSTER": "1" if settings.redis_cluster else "0",
    }
    throwaway = settings.model_copy(
        update={
            "neo4j_uri": env["NEO4J_URI"],
            "redis_url": env["REDIS_URL"],
            "stack_dir": root,
            "neo4j_dist_dir": settings.neo4j_dist_dir or settings.stack_dir / "neo4j",
        }
    )
    child: subprocess.Popen[bytes] | None = None
    # Stopped from outside (a time limit, a kill): the command and the throwaway servers stop too.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    try:
        stack.up(throwaway, echo)
        redis_kind = "Redis Cluster" if settings.redis_cluster else "Redis"
        echo(f"running {' '.join(command)} against Neo4j {env['NEO4J_URI']} and {redis_kind} {env['REDIS_URL']}")
        child = subprocess.Popen(list(command), env={**os.environ, **env})
        return child.wait()
    finally:
        if child is not None and child.poll() is None:
            child.terminate()
            child.wait(timeout=30)
        stack.down(throwaway, lambda line: None)
        shutil.rmtree(root, ignore_errors=True)
