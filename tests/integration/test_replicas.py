"""Stateless replicas: several `graph-api serve` processes share only Neo4j and Redis, and stay exact.

Run on the throwaway stack as it is configured: one Redis, or (REDIS_CLUSTER=1, `make test-cluster`) a
three-node Redis Cluster; NEO4J_URI=neo4j://... sends every read through the routing driver.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import httpx

from graph_api.access import api_keys, redis_keys
from graph_api.access.identity import issue_token
from graph_api.access.redis_client import RedisClient
from graph_api.ingest.release import load_release
from graph_api.settings import Settings
from graph_api.store.graph import Graph
from loaders.code_entries import CodeEntry, write_code_entries
from loaders.sink import Sink
from tests.integration.servers import serving

PAGE = "query($s: CodeSystem!, $c: String!) { code(system: $s, code: $c) { code longDescription } }"
CONCURRENT = 35


async def _test_codes(graph: Graph, count: int, label: str) -> list[str]:
    codes = [CodeEntry("HCPCS", f"Z8{n:03d}", "test code", "test code", True) for n in range(count)]

    async def write(sink: Sink) -> None:
        await write_code_entries(sink, iter(codes))

    await load_release(graph, source="test-replicas", label=label, files=[Path(__file__)], write=write)
    return [c.code for c in codes]


async def _page(client: httpx.AsyncClient, port: int, code: str, headers: dict[str, str]) -> httpx.Response:
    body = {"query": PAGE, "variables": {"s": "HCPCS", "c": code}}
    return await client.post(f"http://127.0.0.1:{port}/graphql", json=body, headers=headers)


def _whole_minute_ahead() -> None:
    """Rate windows are clock minutes: a burst that straddles one would be counted in two windows."""
    if time.time() % 60 > 50:
        time.sleep(61 - time.time() % 60)


async def test_two_processes_admit_exactly_the_registered_limit(
    sample_graph: Graph, settings: Settings, redis: RedisClient, tmp_path: Path
) -> None:
    codes = await _test_codes(sample_graph, CONCURRENT, "35-codes")
    token = issue_token(settings, "replica-user", "registered")
    async with serving(2, tmp_path) as ports, httpx.AsyncClient(timeout=60) as client:
        answers = await asyncio.gather(
            *(_page(client, ports[i % 2], code, {"authorization": f"Bearer {token}"}) for i, code in enumerate(codes))
        )
    bodies = [a.json() for a in answers]
    assert all(a.status_code == 200 for a in answers)
    shown = [b for b in bodies if b["data"]["code"]["longDescription"] is not None]
    refused = [b for b in bodies if b.get("errors")]
    assert len(shown) == settings.registered_view_limit == 6
    assert len(refused) == CONCURRENT - 6
    assert {b["errors"][0]["extensions"]["code"] for b in refused} == {"VIEW_LIMIT_REACHED"}
    assert await redis.scard(redis_keys.views("user:replica-user")) == 6


async def test_two_processes_share_rate_limits_and_keys(
    sample_graph: Graph, redis: RedisClient, tmp_path: Path
) -> None:
    rpm = 10
    key, record = await api_keys.create(redis, "replicas", quota=100, rpm=rpm)
    viewer = {"query": "{ viewer { tier } }"}
    async with serving(2, tmp_path) as ports, httpx.AsyncClient(timeout=60) as client:
        _whole_minute_ahead()
        answers = await asyncio.gather(
            *(
                client.post(f"http://127.0.0.1:{ports[i % 2]}/graphql", json=viewer, headers={"x-api-key": key})
                for i in range(CONCURRENT)
            )
        )
        statuses = sorted(a.status_code for a in answers)
        assert statuses == [200] * rpm + [429] * (CONCURRENT - rpm)
        assert await api_keys.revoke(redis, record.id)
        for port in ports:  # revoked once, refused by every replica at once: no replica keeps a copy
            revoked = await client.post(f"http://127.0.0.1:{port}/graphql", json=viewer, headers={"x-api-key": key})
            assert revoked.status_code == 401


async def test_every_process_sees_a_new_release(sample_graph: Graph, tmp_path: Path) -> None:
    query = '{ code(system: HCPCS, code: "Z8000") { code } }'
    async with serving(2, tmp_path, READ_CACHE_CHECK_S="0") as ports, httpx.AsyncClient(timeout=60) as client:
        for port in ports:  # each process caches "no such code" for the current releases
            body = (await client.post(f"http://127.0.0.1:{port}/graphql", json={"query": query})).json()
            assert body["data"]["code"] is None
        await _test_codes(sample_graph, 1, "one-code")
        for port in ports:
            body = (await client.post(f"http://127.0.0.1:{port}/graphql", json={"query": query})).json()
            assert body["data"]["code"] == {"code": "Z8000"}


async def test_metrics_sum_over_the_workers_of_one_server(sample_graph: Graph, tmp_path: Path) -> None:
    requests = 20
    async with serving(1, tmp_path, workers=2) as (port,), httpx.AsyncClient(timeout=60) as client:
        for _ in range(requests):
            ok = await client.post(
                f"http://127.0.0.1:{port}/graphql", json={"query": "query Probe { viewer { tier } }"}
            )
            assert ok.status_code == 200
        text = (await client.get(f"http://127.0.0.1:{port}/metrics")).text
    line = next(ln for ln in text.splitlines() if ln.startswith('graph_api_request_seconds_count{operation="Probe"'))
    assert float(line.rsplit(" ", 1)[1]) == requests
    assert "graph_api_neo4j_pool_in_use" in text
