"""Tests run against a real Neo4j and a real Redis: the test stack (ports 7688/6380, data in .stack/test)."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from redis.asyncio import Redis

from graph_api.settings import REPO_ROOT

# Before anything reads settings: point the whole run at the test stack unless the caller chose one.
os.environ.setdefault("NEO4J_URI", "bolt://127.0.0.1:7688")
os.environ.setdefault("REDIS_URL", "redis://127.0.0.1:6380/0")
os.environ.setdefault("STACK_DIR", str(REPO_ROOT / ".stack" / "test"))
# Tests load and query in turn: the read cache checks the current releases before every read.
os.environ.setdefault("READ_CACHE_CHECK_S", "0")

from graph_api import redis_store, stack
from graph_api.app import create_app
from graph_api.cypher import CypherLibrary
from graph_api.graph import Graph
from graph_api.loading import load
from graph_api.model import init_schema
from graph_api.settings import Settings, get_settings

PRIMARY_QUERY = '{ code(system: CPT, code: "97551") { system code isAddOn primaryCodes { code system addOnType } } }'
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"
FIXTURES = Path(__file__).parent / "fixtures"


def shared(relative: str) -> Path:
    """A real CMS/CDC file from ../shared/data; the test is skipped, with the reason, when it is absent."""
    path = SHARED_DATA / relative
    if not path.exists():
        pytest.skip(f"{path} is absent: real-file tests need ../shared/data beside the repository")
    return path


@pytest.fixture(scope="session")
def settings() -> Settings:
    return get_settings()


@pytest.fixture(scope="session", autouse=True)
def running_stack(settings: Settings) -> None:
    stack.up(settings, lambda line: None)


@pytest.fixture(scope="session")
async def graph(settings: Settings) -> AsyncIterator[Graph]:
    g = Graph(settings, CypherLibrary(settings.cypher_dir))
    yield g
    await g.close()


async def reset(graph: Graph) -> None:
    await graph.run_autocommit("delete_all_relationships")
    await graph.run_autocommit("delete_all_nodes")
    await init_schema(graph)


async def graph_counts(graph: Graph) -> tuple[int, int]:
    record = (await graph.read("get_graph_counts"))[0]
    return record["nodes"], record["relationships"]


@pytest.fixture
async def empty_graph(graph: Graph) -> Graph:
    await reset(graph)
    return graph


@pytest.fixture
async def sample_graph(graph: Graph) -> Graph:
    """The sample graph alone (reloaded when a test before changed the graph)."""
    await reset(graph)
    await load(graph, "sample")
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
async def redis(settings: Settings) -> AsyncIterator[Redis]:
    client = redis_store.connect(settings)
    await client.flushdb()
    yield client
    await client.aclose()


async def gql(client: httpx.AsyncClient, query: str, **variables: object) -> dict:  # type: ignore[type-arg]
    response = await client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


@pytest.fixture
def dead_settings(settings: Settings) -> Iterator[Settings]:
    """Settings whose Neo4j and Redis are ports nothing listens on."""
    yield settings.model_copy(update={"neo4j_uri": "bolt://127.0.0.1:1", "redis_url": "redis://127.0.0.1:1/0"})
