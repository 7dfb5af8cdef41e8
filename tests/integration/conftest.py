"""Integration tests run against a real Neo4j and a real Redis.

`make test` starts a stack of its own for the run (free ports, data under .stack/runs/) and passes it in
NEO4J_URI, REDIS_URL and STACK_DIR; run by hand, the tests use whatever those variables name.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest

# Tests load and query in turn: the read cache checks the current releases before every read.
os.environ.setdefault("READ_CACHE_CHECK_S", "0")
os.environ.setdefault("NEO4J_WARM_S", "0")  # serve processes the tests start plan on first use (test_warm.py plans)

from graph_api.access import redis_client
from graph_api.access.redis_client import RedisClient
from graph_api.ops import stack
from graph_api.server.app import create_app
from graph_api.settings import Settings, get_settings
from graph_api.store.graph import Graph
from tests.integration.support import load_sample, reset


@pytest.fixture(scope="session")
def settings() -> Settings:
    return get_settings()


@pytest.fixture(scope="session", autouse=True)
def running_stack(settings: Settings) -> None:
    stack.up(settings, lambda line: None)


@pytest.fixture(scope="session")
async def graph(settings: Settings) -> AsyncIterator[Graph]:
    g = Graph(settings)
    yield g
    await g.close()


@pytest.fixture
async def empty_graph(graph: Graph) -> Graph:
    await reset(graph)
    return graph


@pytest.fixture
async def sample_graph(graph: Graph) -> Graph:
    """The sample graph alone (reloaded when a test before changed the graph)."""
    await reset(graph)
    await load_sample(graph)
    return graph


@pytest.fixture
async def client(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    """The API with metering off: these tests are about answers (test_metering covers the meter)."""
    app = create_app(settings.model_copy(update={"metering": False}))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as c:
        yield c
    await app.state.services.close()


@pytest.fixture
async def redis(settings: Settings) -> AsyncIterator[RedisClient]:
    client = redis_client.connect(settings)
    await redis_client.flush(client)
    yield client
    await client.aclose()


@pytest.fixture
def dead_settings(settings: Settings) -> Iterator[Settings]:
    """Settings whose Neo4j and Redis are ports nothing listens on."""
    yield settings.model_copy(update={"neo4j_uri": "bolt://127.0.0.1:1", "redis_url": "redis://127.0.0.1:1/0"})
