"""Neo4j or Redis gone: typed errors within the timeout, never a hang or a stack trace."""

from __future__ import annotations

import contextlib
import time

import httpx
import pytest
from redis.asyncio.cluster import RedisCluster

from graph_api.access import redis_client
from graph_api.access.redis_client import REDIS_ERRORS
from graph_api.server.app import create_app
from graph_api.settings import Settings
from graph_api.store.graph import Graph
from tests.integration.support import PRIMARY_QUERY, gql


async def _client_for(settings: Settings) -> tuple[httpx.AsyncClient, object]:
    app = create_app(settings)
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t"), app


async def test_neo4j_down_gives_service_unavailable(dead_settings: Settings) -> None:
    client, app = await _client_for(dead_settings)
    started = time.monotonic()
    async with client:
        body = await gql(client, PRIMARY_QUERY)
    elapsed = time.monotonic() - started
    await app.state.services.close()  # type: ignore[attr-defined]
    assert body["data"] == {"code": None}
    assert body["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE"
    assert "Traceback" not in str(body)
    budget = dead_settings.neo4j_query_timeout_s + dead_settings.neo4j_retry_time_s
    assert elapsed < budget + 1, f"answered after {elapsed:.1f}s, beyond the {budget}s budget"


async def test_health_reports_each_dependency(
    dead_settings: Settings, sample_graph: Graph, client: httpx.AsyncClient
) -> None:
    ok = await client.get("/healthz")
    assert ok.status_code == 200 and ok.json() == {"neo4j": "ok", "redis": "ok"}
    dead, app = await _client_for(dead_settings)
    async with dead:
        down = await dead.get("/healthz")
    await app.state.services.close()  # type: ignore[attr-defined]
    assert down.status_code == 503 and down.json()["neo4j"] != "ok" and down.json()["redis"] != "ok"


async def test_redis_is_reachable(redis) -> None:  # type: ignore[no-untyped-def]
    assert await redis.ping()
    await redis.set("graph-api:test:probe", "1", ex=10)
    assert await redis.get("graph-api:test:probe") == b"1"
    assert 0 < await redis.ttl("graph-api:test:probe") <= 10


async def test_redis_dead_port_fails_fast(dead_settings: Settings) -> None:
    client = redis_client.connect(dead_settings)
    started = time.monotonic()
    with pytest.raises(REDIS_ERRORS):  # a cluster client that reaches no node says so in its own exception
        await client.ping()
    await client.aclose()
    assert time.monotonic() - started < 1


async def test_connections_killed_under_the_client_fail_as_redis_errors(settings: Settings, redis) -> None:  # type: ignore[no-untyped-def]
    """Connections the server drops (a restart, a proxy, a timeout) surface as Redis errors, then reconnect."""
    client = redis_client.connect(settings.model_copy(update={"redis_timeout_s": 2.0}))
    try:
        assert await client.ping()
        kill = ("CLIENT KILL", "TYPE", "normal", "SKIPME", "yes")
        if isinstance(redis, RedisCluster):
            await redis.execute_command(*kill, target_nodes=RedisCluster.ALL_NODES)
        else:
            await redis.execute_command(*kill)
        for _ in range(3):  # the first may fail (a Redis error, never a transport error); then it reconnects
            with contextlib.suppress(*REDIS_ERRORS):
                await client.ping()
        assert await client.ping()
    finally:
        await client.aclose()
