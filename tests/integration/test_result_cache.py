"""Whole results of repeated operations: no Cypher when answered again; page fields still decided per caller."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest
from redis.asyncio import Redis

from graph_api.server.app import create_app
from graph_api.settings import Settings
from graph_api.store.graph import Graph
from tests.integration.support import load_sample, reset

PAGE = "query($c: String!) { code(system: CPT, code: $c) { code isAddOn primaryCodes { code } plainDescription } }"


@pytest.fixture
async def app_and_statements(settings: Settings, redis: Redis) -> AsyncIterator[tuple[object, list[str]]]:
    app = create_app(settings.model_copy(update={"read_cache_check_s": 60.0}))
    sent: list[str] = []
    app.state.services.graph.observers.append(lambda name, seconds: sent.append(name))
    yield app, sent
    await app.state.services.close()


def guest(app: object, address: str) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(address, 40000))  # type: ignore[arg-type]
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


async def ask(client: httpx.AsyncClient, code: str, query: str = PAGE) -> dict:  # type: ignore[type-arg]
    response = await client.post("/graphql", json={"query": query, "variables": {"c": code}})
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


async def test_the_same_page_again_runs_no_statement_and_still_meters_each_guest(
    graph: Graph, app_and_statements: tuple[object, list[str]]
) -> None:
    await reset(graph)
    await load_sample(graph)
    app, sent = app_and_statements
    async with guest(app, "192.0.2.21") as ana, guest(app, "192.0.2.22") as ben:
        first = await ask(ana, "97551")
        assert first["data"]["code"]["primaryCodes"] == [{"code": "97550"}] and "errors" not in first
        assert first["extensions"]["meter"]["used"] == 1
        statements = len(sent)
        assert statements > 0
        # Another guest, the same document and variables: answered whole, no Cypher; the view still counts.
        again = await ask(ben, "97551")
        assert len(sent) == statements
        assert again["data"] == first["data"] and again["extensions"]["meter"]["used"] == 1
        # Ana's second code page is refused even when someone else's answer to it is cached.
        await ask(ben, "97550")  # ben's second page: refused, so not cached
        refused_for_ben = await ask(ben, "97550")
        assert refused_for_ben["errors"][0]["extensions"]["code"] == "VIEW_LIMIT_REACHED"
        async with guest(app, "192.0.2.23") as cem:
            assert "errors" not in await ask(cem, "97550")  # cem's first page: now cached
        refused = await ask(ana, "97550")
        assert refused["data"]["code"]["plainDescription"] is None
        assert refused["errors"][0]["extensions"]["code"] == "VIEW_LIMIT_REACHED"


async def test_a_load_that_switches_a_release_is_seen_and_the_viewer_is_never_shared(
    graph: Graph, settings: Settings, redis: Redis
) -> None:
    await reset(graph)
    app = create_app(settings.model_copy(update={"read_cache_check_s": 0.0, "metering": False}))
    try:
        async with guest(app, "192.0.2.31") as client:
            before = await ask(client, "97551")
            assert before["data"]["code"] is None
            await load_sample(graph)
            after = await ask(client, "97551")
            assert after["data"]["code"]["primaryCodes"] == [{"code": "97550"}]
    finally:
        await app.state.services.close()
    metered = create_app(settings)
    viewer = "{ viewer { tier used } }"
    try:
        async with guest(metered, "192.0.2.32") as one, guest(metered, "192.0.2.33") as two:
            await ask(one, "97551")
            mine = (await one.post("/graphql", json={"query": viewer})).json()
            theirs = (await two.post("/graphql", json={"query": viewer})).json()
            assert mine["data"]["viewer"]["used"] == 1 and theirs["data"]["viewer"]["used"] == 0
    finally:
        await metered.state.services.close()


async def test_the_same_operation_at_once_runs_once_and_meters_every_guest(
    graph: Graph, app_and_statements: tuple[object, list[str]]
) -> None:
    await reset(graph)
    await load_sample(graph)
    app, sent = app_and_statements
    clients = [guest(app, f"192.0.2.{40 + n}") for n in range(5)]
    try:
        await ask(clients[0], "97550", "{ releases { id } }")  # the release check, before the clock starts
        before = len(sent)
        answers = await asyncio.gather(*(ask(c, "97551") for c in clients))
    finally:
        for c in clients:
            await c.aclose()
    assert len({str(a["data"]) for a in answers}) == 1 and all("errors" not in a for a in answers)
    assert all(a["extensions"]["meter"]["used"] == 1 for a in answers)  # each guest's own view
    assert sent[before:].count("get_code_page") == 1, sent[before:]  # the others waited for the first answer
