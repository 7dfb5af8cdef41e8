"""Every Prometheus series the service exports, in one place (served on /metrics by graph_api/server/observe.py).

Multi-process safe: `graph-api serve` points PROMETHEUS_MULTIPROC_DIR at a fresh folder before its workers start,
so each worker writes its samples to files there and /metrics (answered by any worker) sums them all.
Label values are bounded: operation names beyond MAX_OPERATIONS distinct ones count as "other"; statements and
reads are the project's own names.
"""

from __future__ import annotations

import os
import re
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest, multiprocess
from prometheus_client.exposition import CONTENT_TYPE_LATEST

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
MAX_OPERATIONS = 200
_LATENCY = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,63}")

REQUEST_SECONDS = Histogram(
    "graph_api_request_seconds",
    "HTTP request latency by GraphQL operation (operationName, else the first root field) and status",
    ["operation", "status"],
    buckets=_LATENCY,
)
OPERATION_COST = Histogram(
    "graph_api_operation_cost",
    "Cost of a GraphQL operation as its response reports it (extensions.cost)",
    ["operation"],
    buckets=(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000),
)
CYPHER_SECONDS = Histogram(
    "graph_api_cypher_seconds", "Latency of one Cypher statement, by statement file", ["statement"], buckets=_LATENCY
)
CYPHER_DB_HITS = Histogram(
    "graph_api_cypher_db_hits",
    "Neo4j db hits of one read statement, by statement file: one run in CYPHER_PROFILE_EVERY is PROFILEd",
    ["statement"],
    buckets=(10, 30, 100, 300, 1000, 3000, 10_000, 30_000, 100_000, 1_000_000),
)
CACHE_LOOKUPS = Counter("graph_api_read_cache_lookups", "Read-cache lookups by read and result", ["read", "result"])
METER_DECISIONS = Counter("graph_api_meter_decisions", "View-meter decisions on code page fields", ["decision"])
RATE_LIMITED = Counter("graph_api_rate_limited", "Requests refused with 429 (rate limits)")
READ_QUEUE_TIMEOUTS = Counter(
    "graph_api_neo4j_read_queue_timeouts", "Reads refused after waiting NEO4J_READ_QUEUE_S for a read slot"
)
NEO4J_POOL_IN_USE = Gauge(
    "graph_api_neo4j_pool_in_use", "Neo4j connections in use, summed over live workers", multiprocess_mode="livesum"
)

_operations: set[str] = set()


def operation_label(name: str | None) -> str:
    """A bounded label for an operation name (client-chosen, so capped)."""
    if not name:  # refused before GraphQL read the body (401, 429), or a body that is no operation
        return "none"
    if not _NAME.fullmatch(name):
        return "other"
    if name in _operations:
        return name
    if len(_operations) >= MAX_OPERATIONS:
        return "other"
    _operations.add(name)
    return name


_children: dict[tuple[int, tuple[str, ...]], Any] = {}


def child(metric: Any, *labels: str) -> Any:
    """metric.labels(*labels), remembered: labels() takes a lock and checks its arguments on every call."""
    key = (id(metric), labels)
    found = _children.get(key)
    if found is None:
        found = _children[key] = metric.labels(*labels)
    return found


def observe_cypher(statement: str, seconds: float) -> None:
    child(CYPHER_SECONDS, statement).observe(seconds)


def observe_db_hits(statement: str, hits: int) -> None:
    child(CYPHER_DB_HITS, statement).observe(hits)


def exposition() -> tuple[bytes, str]:
    """The text format of every series: summed over worker files in multi-process mode."""
    if os.environ.get(MULTIPROC_ENV):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return generate_latest(registry), CONTENT_TYPE_LATEST
    from prometheus_client import REGISTRY

    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


def process_exited(pid: int) -> None:
    """A worker's live gauges stop counting when it exits."""
    if os.environ.get(MULTIPROC_ENV):
        multiprocess.mark_process_dead(pid)  # type: ignore[no-untyped-call]
