"""A real three-node Redis Cluster on loopback for the local and throwaway stacks (`REDIS_CLUSTER=1`).

The first node listens on REDIS_URL's port; the other two and every node's cluster bus port are picked free at
start. Each node keeps its data and `nodes.conf` under `<stack>/redis/node-<port>/`, so a node stopped and
started again rejoins the same cluster.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import redis

NODES = 3


class ClusterError(Exception):
    """One line for the user."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def node_dirs(root: Path) -> list[Path]:
    return sorted(root.glob("node-*"), key=lambda p: p.name)


def _start_node(server: str, host: str, port: int, bus: int, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bus-port").write_text(str(bus))
    subprocess.run(
        [
            server,
            "--bind", host,
            "--port", str(port),
            "--cluster-enabled", "yes",
            "--cluster-port", str(bus),
            "--cluster-config-file", "nodes.conf",
            "--cluster-node-timeout", "2000",
            "--dir", str(folder),
            "--daemonize", "yes",
            "--pidfile", str(folder / "redis.pid"),
            "--logfile", str(folder / "redis.log"),
            "--appendonly", "yes",
            "--save", "",
        ],
        check=True,
        capture_output=True,
    )  # fmt: skip


def _state(host: str, port: int) -> str:
    try:
        info = redis.Redis(host=host, port=port, socket_timeout=1).execute_command("CLUSTER INFO")  # type: ignore[no-untyped-call]
    except (redis.RedisError, OSError):
        return "down"
    state = info.get("cluster_state") if isinstance(info, dict) else None
    return "ok" if state == "ok" else "fail"


def _wait(host: str, ports: list[int], want: str, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if all(_state(host, p) == want for p in ports):
            return True
        time.sleep(0.1)
    return False


def start(host: str, first_port: int, root: Path, require: Callable[[str], str]) -> list[int]:
    """Starts the nodes (creating the cluster on the first start); returns their ports once the cluster is ok."""
    server = require("redis-server")
    known = node_dirs(root)
    if known:  # a restart: the same ports, the same cluster (nodes.conf)
        ports = [int(d.name.removeprefix("node-")) for d in known]
        for folder, port in zip(known, ports, strict=True):
            _start_node(server, host, port, int((folder / "bus-port").read_text()), folder)
    else:
        ports = [first_port, *(free_port() for _ in range(NODES - 1))]
        for port in ports:
            _start_node(server, host, port, free_port(), root / f"node-{port}")
        if not _wait(host, ports, "fail", 20):
            raise ClusterError(f"the Redis Cluster nodes did not start (see {root}/node-*/redis.log)")
        cli = shutil.which("redis-cli")
        if not cli:
            raise ClusterError("redis-cli not found (it ships with redis-server): apt-get install -y redis-tools")
        done = subprocess.run(
            [cli, "--cluster", "create", *(f"{host}:{p}" for p in ports), "--cluster-replicas", "0", "--cluster-yes"],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise ClusterError(f"redis-cli --cluster create failed: {(done.stdout + done.stderr).strip()[-300:]}")
    if not _wait(host, ports, "ok", 30):
        raise ClusterError(f"the Redis Cluster on {host}:{ports} did not reach cluster_state:ok within 30 s")
    return ports


def pid_files(root: Path) -> list[Path]:
    return [d / "redis.pid" for d in node_dirs(root)]
