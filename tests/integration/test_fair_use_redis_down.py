"""Fair use holds while Redis is down: the same limits, counted in the process (graph_api/access/local_fair_use.py)."""

from __future__ import annotations

import httpx
import pytest

from graph_api.ops import stack
from graph_api.server.app import create_app
from graph_api.settings import Settings
from graph_api.store.graph import Graph

FREE = {"query": '{ code(system: CPT, code: "97551") { code primaryCodes { code } } }'}


async def test_requests_over_the_limit_are_429_with_redis_stopped(sample_graph: Graph, settings: Settings) -> None:
    app = create_app(settings.model_copy(update={"requests_per_minute": 3}))
    transport = httpx.ASGITransport(app=app, client=("192.0.2.30", 4000))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        if not stack.stop_redis(settings, lambda line: None):
            pytest.skip("the Redis on REDIS_URL was not started by this checkout's stack, so this test may not stop it")
        try:
            answers = [await client.post("/graphql", json=FREE) for _ in range(4)]
            other = await client.post("/graphql", json=FREE, headers={"authorization": "Bearer x"})
        finally:
            stack.start_redis(settings)
    await app.state.services.close()
    assert [a.status_code for a in answers[:3]] == [200, 200, 200]
    assert all(a.json()["data"]["code"]["primaryCodes"] == [{"code": "97550"}] for a in answers[:3])
    assert [a.headers["ratelimit-remaining"] for a in answers[:3]] == ["2", "1", "0"]
    refused = answers[3]
    assert refused.status_code == 429 and refused.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
    assert 1 <= int(refused.headers["retry-after"]) <= 60 and refused.headers["ratelimit-limit"] == "3"
    assert other.status_code == 401  # a different caller is not counted against the guest address
