"""Probes and metrics: /healthz (is this process alive and are its stores reachable), /readyz (may it take
traffic: Neo4j and Redis answer and at least one release is current), /metrics (Prometheus text format)."""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import AsyncIterator, Awaitable, Callable

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from graph_api import metrics
from graph_api.access.redis_client import REDIS_ERRORS
from graph_api.services import Services
from schema.errors import ServiceUnavailable

POOL_SAMPLE_S = 1.0


async def _checks(services: Services) -> dict[str, str]:
    checks: dict[str, str] = {}
    try:
        await services.graph.ping()
        checks["neo4j"] = "ok"
    except ServiceUnavailable as exc:
        checks["neo4j"] = str(exc)
    try:
        await services.redis.ping()
        checks["redis"] = "ok"
    except REDIS_ERRORS as exc:
        checks["redis"] = f"unavailable: {type(exc).__name__}"
    return checks


async def readiness(services: Services) -> tuple[dict[str, str], bool]:
    checks = await _checks(services)
    if checks["neo4j"] == "ok":
        try:
            current = await services.graph.current_releases()
            checks["releases"] = f"{len(current)} current" if current else "none current: load one first"
        except ServiceUnavailable as exc:
            checks["releases"] = str(exc)
    else:
        checks["releases"] = "unknown: Neo4j is unavailable"
    ready = checks["neo4j"] == "ok" and checks["redis"] == "ok" and not checks["releases"].startswith(("none", "u"))
    return checks, ready


def routes(services: Services) -> list[tuple[str, Callable[[Request], Awaitable[Response]]]]:
    async def healthz(request: Request) -> Response:
        checks = await _checks(services)
        healthy = all(v == "ok" for v in checks.values())
        return JSONResponse(checks, status_code=200 if healthy else 503)

    async def readyz(request: Request) -> Response:
        checks, ready = await readiness(services)
        return JSONResponse(checks, status_code=200 if ready else 503)

    async def metrics_page(request: Request) -> Response:
        sample_pool(services)
        body, content_type = metrics.exposition()
        return Response(body, media_type=content_type)

    return [("/healthz", healthz), ("/readyz", readyz), ("/metrics", metrics_page)]


def sample_pool(services: Services) -> None:
    in_use = services.graph.pool_in_use()
    if in_use is not None:
        metrics.NEO4J_POOL_IN_USE.set(in_use)


async def sample_pool_forever(services: Services) -> None:
    """Each worker reports its Neo4j connections in use (summed over live workers on /metrics)."""
    while True:
        sample_pool(services)
        await asyncio.sleep(POOL_SAMPLE_S)


@contextlib.asynccontextmanager
async def pool_sampler(services: Services) -> AsyncIterator[None]:
    task = asyncio.create_task(sample_pool_forever(services))
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
        metrics.process_exited(os.getpid())
