"""What an operator sees: /metrics series, request ids, JSON log lines, /readyz following Neo4j down and back."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator
from urllib.parse import urlsplit

import httpx
import pytest

from graph_api.access import api_keys
from graph_api.access.redis_client import RedisClient
from graph_api.server.app import create_app
from graph_api.settings import Settings
from graph_api.store.graph import Graph

PAGE = '{ code(system: CPT, code: "97550") { code plainDescription primaryCodes { code } } }'


@pytest.fixture
async def app_client(settings: Settings, redis: RedisClient) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings.model_copy(update={"cypher_profile_every": 1}))  # every read PROFILEd: db hits
    transport = httpx.ASGITransport(app=app, client=("192.0.2.20", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client
    await app.state.services.close()


def _value(text: str, prefix: str) -> float:
    """The sum of the samples whose line starts with `prefix` (a name and the start of its labels)."""
    values = [float(ln.rsplit(" ", 1)[1]) for ln in text.splitlines() if ln.startswith(prefix)]
    assert values, f"no series {prefix} in /metrics"
    return sum(values)


async def test_metrics_expose_every_series(
    sample_graph: Graph, app_client: httpx.AsyncClient, redis: RedisClient
) -> None:
    before = (await app_client.get("/metrics")).text
    # The same reads twice in two documents (the same document again would be a whole-result cache answer):
    # the second one's reads come from the read cache.
    for query in (PAGE, PAGE + " "):
        assert (await app_client.post("/graphql", json={"query": query})).status_code == 200
    refused = await app_client.post("/graphql", json={"query": PAGE.replace("97550", "97551")})
    assert refused.json()["errors"][0]["extensions"]["code"] == "VIEW_LIMIT_REACHED"
    key, _ = await api_keys.create(redis, "metrics", quota=5, rpm=1)
    statuses = [
        (
            await app_client.post("/graphql", json={"query": "{ viewer { tier } }"}, headers={"x-api-key": key})
        ).status_code
        for _ in range(2)
    ]
    assert statuses == [200, 429]
    response = await app_client.get("/metrics")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    text = response.text

    def grew(prefix: str) -> float:
        old = _value(before, prefix) if any(ln.startswith(prefix) for ln in before.splitlines()) else 0.0
        return _value(text, prefix) - old

    assert grew('graph_api_request_seconds_count{operation="code",status="200"}') == 3
    assert grew('graph_api_request_seconds_count{operation="none",status="429"}') == 1
    assert grew("graph_api_rate_limited_total") == 1
    assert grew('graph_api_cypher_seconds_count{statement="get_code_page"}') >= 1
    assert grew('graph_api_cypher_db_hits_count{statement="get_code_page"}') >= 1
    assert grew('graph_api_cypher_db_hits_sum{statement="get_code_page"}') > 0
    assert grew('graph_api_read_cache_lookups_total{read="code_page",result="hit"}') >= 1
    assert grew('graph_api_read_cache_lookups_total{read="code_page",result="miss"}') >= 1
    assert grew('graph_api_meter_decisions_total{decision="admitted"}') >= 1
    assert grew('graph_api_meter_decisions_total{decision="refused"}') >= 1
    assert "graph_api_neo4j_pool_in_use" in text and "graph_api_operation_cost" in text


async def test_request_ids_are_echoed_and_logged(sample_graph: Graph, app_client: httpx.AsyncClient) -> None:
    lines: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = lines.append  # type: ignore[method-assign]
    logger = logging.getLogger("graph_api.request")
    logger.addHandler(handler)
    try:
        given = await app_client.post("/graphql", json={"query": PAGE}, headers={"x-request-id": "abc-123"})
        bad = '{ code(system: ICD10CM, code: "E11.65") { crosswalks(to: ICD10CM, maxHops: 4) { code } } }'
        fresh = await app_client.post("/graphql", json={"query": bad})
        unsafe = await app_client.get("/healthz", headers={"x-request-id": "bad id\twith spaces"})
    finally:
        logger.removeHandler(handler)
    assert given.headers["x-request-id"] == "abc-123"
    rid = fresh.headers["x-request-id"]
    assert len(rid) == 32 and rid != "abc-123"
    error = fresh.json()["errors"][0]
    assert error["extensions"]["requestId"] == rid and error["extensions"]["code"] == "BAD_USER_INPUT"
    assert unsafe.headers["x-request-id"] != "bad id\twith spaces"
    formatter = logging.getLogger("graph_api").handlers[0].formatter
    assert formatter is not None
    logged = [json.loads(formatter.format(r)) for r in lines]
    assert [(x["msg"], x["request_id"], x["status"], x["operation"]) for x in logged[:2]] == [
        ("request", "abc-123", 200, "code"),
        ("request", rid, 200, "code"),
    ]
    assert all(x["ms"] >= 0 and x["level"] == "info" and x["ts"] for x in logged)


@contextlib.asynccontextmanager
async def _proxy(target: tuple[str, int]) -> AsyncIterator[tuple[int, asyncio.Event]]:
    """A TCP relay to Neo4j that can be cut (every connection closed, new ones refused) and restored."""
    up = asyncio.Event()
    up.set()
    writers: set[asyncio.StreamWriter] = set()

    async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(OSError, asyncio.CancelledError):
            while data := await reader.read(65536):
                writer.write(data)
                await writer.drain()
        writer.close()

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        if not up.is_set():
            writer.close()
            return
        upstream_reader, upstream_writer = await asyncio.open_connection(*target)
        writers.update({writer, upstream_writer})
        await asyncio.gather(pipe(reader, upstream_writer), pipe(upstream_reader, writer))

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]

    async def watch() -> None:
        while True:
            await asyncio.sleep(0.05)
            if not up.is_set():
                for w in list(writers):
                    w.close()
                writers.clear()

    watcher = asyncio.create_task(watch())
    try:
        yield port, up
    finally:
        watcher.cancel()
        server.close()
        for w in writers:
            w.close()


async def test_readyz_follows_neo4j_down_and_back(sample_graph: Graph, settings: Settings) -> None:
    target = urlsplit(settings.neo4j_uri)
    async with _proxy((target.hostname or "127.0.0.1", target.port or 7687)) as (port, up):
        # bolt:// through the relay: a routing driver would be handed the server's own address instead.
        app = create_app(
            settings.model_copy(update={"neo4j_uri": f"bolt://127.0.0.1:{port}", "neo4j_retry_time_s": 0.5})
        )
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
            ready = await client.get("/readyz")
            assert ready.status_code == 200, ready.text
            assert ready.json()["neo4j"] == "ok" and ready.json()["releases"].endswith("current")
            up.clear()
            await asyncio.sleep(0.2)
            down = await client.get("/readyz")
            assert down.status_code == 503 and down.json()["neo4j"] != "ok"
            assert (await client.get("/healthz")).status_code == 503
            up.set()
            back = await client.get("/readyz")
            assert back.status_code == 200, back.text
        await app.state.services.close()


async def test_readyz_wants_a_current_release(empty_graph: Graph, client: httpx.AsyncClient) -> None:
    response = await client.get("/readyz")
    assert response.status_code == 503 and response.json()["releases"].startswith("none current")
    assert (await client.get("/healthz")).status_code == 200
