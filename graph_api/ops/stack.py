"""`graph-api stack up|down|status`: a real Neo4j 5.26 (from Maven Central) and redis-server on this machine."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import redis
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, DriverError, Neo4jError

from graph_api.ingest.release import remove_unfinished
from graph_api.ops import redis_cluster
from graph_api.settings import Settings
from graph_api.store.graph import Graph
from graph_api.store.statements import CypherLibrary

Echo = Callable[[str], None]
# The launcher's sources ship as package data; pip unpacks wheels, so they are plain files.
LAUNCHER_DIR = Path(str(resources.files(__package__) / "neo4j"))
JVM_OPENS = [
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
]
_HINTS = {
    "java": "Java 17 is needed to run Neo4j: apt-get install -y openjdk-17-jdk-headless",
    "javac": "a Java 17 JDK is needed to build the Neo4j launcher: apt-get install -y openjdk-17-jdk-headless",
    "mvn": "Maven is needed to fetch Neo4j from Maven Central: apt-get install -y maven",
    "redis-server": "redis-server is needed: apt-get install -y redis-server",
}


class StackError(Exception):
    """One line for the user: what is wrong and what to do."""


@dataclass(frozen=True)
class Paths:
    root: Path
    dist: Path | None = None  # where the Neo4j jars and the launcher build live; shared by throwaway stacks

    @classmethod
    def of(cls, settings: Settings) -> Paths:
        return cls(settings.stack_dir, settings.neo4j_dist_dir)

    @property
    def neo4j(self) -> Path:
        return self.root / "neo4j"

    @property
    def built(self) -> Path:
        return self.dist or self.neo4j

    @property
    def lib(self) -> Path:
        return self.built / "lib"

    @property
    def classes(self) -> Path:
        return self.built / "classes"

    @property
    def home(self) -> Path:
        return self.neo4j / "home"

    @property
    def neo4j_pid(self) -> Path:
        return self.neo4j / "neo4j.pid"

    @property
    def neo4j_log(self) -> Path:
        return self.neo4j / "neo4j.out"

    @property
    def redis(self) -> Path:
        return self.root / "redis"

    @property
    def redis_pid(self) -> Path:
        return self.redis / "redis.pid"


def _require(tool: str) -> str:
    found = shutil.which(tool)
    if not found:
        raise StackError(f"{tool} not found. {_HINTS[tool]}")
    return found


def _port_open(host: str, port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex((host, port)) == 0


def _pid_alive(pid_file: Path) -> int | None:
    try:
        pid = int(pid_file.read_text().strip())
        os.kill(pid, 0)
    except (FileNotFoundError, ValueError, ProcessLookupError, PermissionError):
        return None
    return pid


def neo4j_answers(settings: Settings) -> bool:
    if not _port_open(*settings.neo4j_host_port):
        return False
    auth = (settings.neo4j_user, settings.neo4j_password.get_secret_value())
    try:
        with (
            GraphDatabase.driver(settings.neo4j_uri, auth=auth, connection_timeout=2) as driver,
            driver.session(database=settings.neo4j_database) as session,
        ):
            session.run(CypherLibrary().text("get_server_ping")).consume()  # once: no retries
    except AuthError as exc:
        raise StackError(f"a Neo4j on {settings.neo4j_uri} refused our credentials (NEO4J_PASSWORD)") from exc
    except (DriverError, Neo4jError, OSError):
        return False
    return True


def redis_answers(settings: Settings) -> bool:
    if not _port_open(*settings.redis_host_port):
        return False
    try:
        return bool(redis.Redis.from_url(settings.redis_url, socket_timeout=1).ping())
    except (redis.RedisError, OSError):
        return False


def _stamp(path: Path, *inputs: Path) -> tuple[Path, str]:
    digest = hashlib.sha256(b"".join(p.read_bytes() for p in inputs)).hexdigest()
    return path, digest


def _fresh(stamp: tuple[Path, str]) -> bool:
    return stamp[0].exists() and stamp[0].read_text() == stamp[1]


def _fetch_neo4j(paths: Paths, echo: Echo) -> None:
    pom, launcher = LAUNCHER_DIR / "pom.xml", LAUNCHER_DIR / "Launcher.java"
    paths.built.mkdir(parents=True, exist_ok=True)
    jars = _stamp(paths.built / "lib.stamp", pom)
    if not _fresh(jars):
        echo("Fetching Neo4j Community 5.26 from Maven Central (first run only)...")
        shutil.rmtree(paths.lib, ignore_errors=True)
        done = subprocess.run(
            [
                _require("mvn"),
                "-q",
                "-B",
                "-f",
                str(pom),
                "dependency:copy-dependencies",
                f"-DoutputDirectory={paths.lib}",
                "-DincludeScope=runtime",
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            errors = [ln for ln in (done.stdout + done.stderr).splitlines() if "ERROR" in ln]
            raise StackError(f"Maven could not fetch Neo4j: {(errors or ['exit ' + str(done.returncode)])[0]}")
        jars[0].write_text(jars[1])
    classes = _stamp(paths.built / "classes.stamp", pom, launcher)
    if not _fresh(classes):
        done = subprocess.run(
            [_require("javac"), "-d", str(paths.classes), "-cp", f"{paths.lib}/*", str(launcher)],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            raise StackError(f"javac could not build the Neo4j launcher: {done.stderr.strip()[:300]}")
        classes[0].write_text(classes[1])


def _start_neo4j(settings: Settings, paths: Paths, echo: Echo) -> None:
    host, port = settings.neo4j_host_port
    java = _require("java")
    _fetch_neo4j(paths, echo)
    paths.home.mkdir(parents=True, exist_ok=True)
    command = [
        java,
        f"-Xms{min(256, settings.neo4j_heap_mb)}m",
        f"-Xmx{settings.neo4j_heap_mb}m",
        "-XX:+UseG1GC",
        "-XX:ActiveProcessorCount=2",
        *JVM_OPENS,
        "-cp",
        f"{paths.classes}{os.pathsep}{paths.lib}/*",
        "Launcher",
        str(paths.home),
        host,
        str(port),
        str(settings.neo4j_pagecache_mb),
        str(settings.neo4j_tx_memory_mb),
    ]
    env = {**os.environ, "NEO4J_PASSWORD": settings.neo4j_password.get_secret_value(), "LOG": str(paths.neo4j_log)}
    # Detached through sh: the server outlives this command and leaves no child handle behind.
    launched = subprocess.run(
        ["sh", "-c", 'nohup "$@" >> "$LOG" 2>&1 & echo $!', "sh", *command],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        start_new_session=True,
    )
    paths.neo4j_pid.write_text(launched.stdout.strip())
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if _pid_alive(paths.neo4j_pid) is None:
            tail = paths.neo4j_log.read_text(errors="replace").strip().splitlines()[-3:]
            raise StackError(f"Neo4j exited during start-up (see {paths.neo4j_log}): {' | '.join(tail)}")
        if (paths.home / "ready").exists() and neo4j_answers(settings):
            return
        time.sleep(0.5)
    raise StackError(f"Neo4j did not answer within 180 s (see {paths.neo4j_log})")


def _start_redis(settings: Settings, paths: Paths) -> None:
    host, port = settings.redis_host_port
    paths.redis.mkdir(parents=True, exist_ok=True)
    if settings.redis_cluster:
        try:
            redis_cluster.start(host, port, paths.redis, _require)
        except redis_cluster.ClusterError as exc:
            raise StackError(str(exc)) from exc
        return
    subprocess.run(
        [
            _require("redis-server"),
            "--bind",
            host,
            "--port",
            str(port),
            "--dir",
            str(paths.redis),
            "--daemonize",
            "yes",
            "--pidfile",
            str(paths.redis_pid),
            "--logfile",
            str(paths.redis / "redis.log"),
            "--appendonly",
            "yes",
            "--save",
            "",
        ],
        check=True,
        capture_output=True,
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if redis_answers(settings):
            return
        time.sleep(0.1)
    raise StackError(f"redis-server did not answer within 20 s (see {paths.redis / 'redis.log'})")


def up(settings: Settings, echo: Echo) -> None:
    paths = Paths.of(settings)
    paths.neo4j.mkdir(parents=True, exist_ok=True)
    host, port = settings.neo4j_host_port
    if _port_open(host, port):
        if not neo4j_answers(settings):
            raise StackError(f"{host}:{port} is taken by something that is not a Neo4j answering queries")
        echo(f"Neo4j: reusing the server already answering on {settings.neo4j_uri}")
    else:
        _require("redis-server")  # say everything that is missing before the slow part
        _start_neo4j(settings, paths, echo)
        echo(f"Neo4j Community 5.26 ready on {settings.neo4j_uri} (data in {paths.home})")
    rhost, rport = settings.redis_host_port
    if _port_open(rhost, rport):
        if not redis_answers(settings):
            raise StackError(f"{rhost}:{rport} is taken by something that is not a Redis answering PING")
        echo(f"Redis: reusing the server already answering on {settings.redis_url}")
    else:
        _start_redis(settings, paths)
        kind = "Redis Cluster (3 nodes) with start node" if settings.redis_cluster else "Redis"
        echo(f"{kind} ready on {settings.redis_url} (data in {paths.redis})")


def _stop(pid_file: Path, name: str, echo: Echo, grace_s: float) -> bool:
    """Stops a server this stack started; False when there was none (a reused server is left alone)."""
    pid = _pid_alive(pid_file)
    if pid is None:
        echo(f"{name}: not running (started by this stack)")
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + grace_s
    while time.monotonic() < deadline and _pid_alive(pid_file) is not None:
        time.sleep(0.2)
    if _pid_alive(pid_file) is not None:
        os.kill(pid, signal.SIGKILL)
        echo(f"{name}: did not stop within {grace_s:.0f} s; killed")
    else:
        echo(f"{name}: stopped (data kept)")
    pid_file.unlink(missing_ok=True)
    return True


def _stop_redis(paths: Paths, echo: Echo) -> bool:
    stopped = _stop(paths.redis_pid, "Redis", echo, 20) if paths.redis_pid.exists() else False
    for pid_file in redis_cluster.pid_files(paths.redis):
        stopped = _stop(pid_file, f"Redis Cluster node {pid_file.parent.name}", echo, 20) or stopped
    if not stopped:
        echo("Redis: not running (started by this stack)")
    return stopped


def down(settings: Settings, echo: Echo) -> None:
    paths = Paths.of(settings)
    _stop(paths.neo4j_pid, "Neo4j", echo, 60)
    _stop_redis(paths, echo)


def status(settings: Settings, echo: Echo) -> bool:
    paths = Paths.of(settings)
    healthy = True
    for name, pid_file, answers, url in (
        ("Neo4j", paths.neo4j_pid, neo4j_answers, settings.neo4j_uri),
        ("Redis", paths.redis_pid, redis_answers, settings.redis_url),
    ):
        nodes = redis_cluster.pid_files(paths.redis) if name == "Redis" else []
        pid = _pid_alive(pid_file) or next((p for p in map(_pid_alive, nodes) if p), None)
        ok = answers(settings)
        healthy = healthy and ok
        owner = f"started by this stack, pid {pid}" if pid else "not started by this stack"
        echo(f"{name}: {'answering' if ok else 'not answering'} on {url} ({owner})")
    return healthy


def stop_redis(settings: Settings, echo: Echo) -> bool:
    """Stops only the Redis this stack started (tests of the meter's behaviour while Redis is down)."""
    return _stop_redis(Paths.of(settings), echo)


def start_redis(settings: Settings) -> None:
    _start_redis(settings, Paths.of(settings))


async def clean_unfinished(graph: Graph) -> list[str]:
    """What loads killed mid-way left in staging is removed when the stack comes up."""
    return await remove_unfinished(graph)
