"""Guest limits that hold (cookie AND address, across two server processes) and fair use for every caller."""

from __future__ import annotations

import httpx
from redis.asyncio import Redis

from graph_api.access import redis_keys
from graph_api.access.identity import issue_token
from graph_api.server.app import create_app
from graph_api.settings import Settings
from graph_api.store.graph import Graph
from tests.integration.processes import servers

SAMPLE_CPT = ["97550", "97551", "97552", "99291", "99292", "22612", "22614", "11042"]
PAGE = "query($c: String!) { code(system: CPT, code: $c) { code plainDescription } }"


async def _page(client: httpx.AsyncClient, url: str, code: str, **headers: str) -> bool:
    response = await client.post(url, json={"query": PAGE, "variables": {"c": code}}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["data"]["code"]["plainDescription"] is not None


async def _fresh_page(client: httpx.AsyncClient, url: str, code: str, **headers: str) -> bool:
    """A guest that dropped its cookies: every request comes without one."""
    client.cookies.clear()
    return await _page(client, url, code, **headers)


async def test_fresh_cookies_from_one_address_share_its_budget(
    sample_graph: Graph, settings: Settings, redis: Redis
) -> None:
    async with servers(settings, 2) as urls, httpx.AsyncClient(timeout=20) as client:
        # 20 guests from one address, each with no cookie (a fresh one every time), over two processes.
        codes = [SAMPLE_CPT[i % 8] for i in range(20)]
        shown = {c for i, c in enumerate(codes) if await _fresh_page(client, f"{urls[i % 2]}/graphql", c)}
        assert len(shown) == 5 == settings.guest_address_view_limit  # the address's pages, re-read for free
        address = redis_keys.views(redis_keys.address_meter("127.0.0.1"))
        assert await redis.scard(address) == 5
        # Rotated X-Forwarded-For from a peer nobody trusts changes nothing: no page beyond those five.
        for i, code in enumerate(SAMPLE_CPT):
            rotated = {"x-forwarded-for": f"203.0.113.{i}"}
            assert await _fresh_page(client, f"{urls[0]}/graphql", code, **rotated) == (code in shown)
        assert await redis.scard(address) == 5


async def test_one_cookie_keeps_its_own_limit_of_one(sample_graph: Graph, settings: Settings, redis: Redis) -> None:
    app = create_app(settings)
    transport = httpx.ASGITransport(app=app, client=("192.0.2.20", 4000))
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        assert await _page(client, "/graphql", "97550")  # the cookie jar keeps the minted cookie
        assert not await _page(client, "/graphql", "97551")
        assert await _page(client, "/graphql", "97550")  # a re-view is free
        token = issue_token(settings, "ann", "registered")
        signed_in = await _page(client, "/graphql", "97552", authorization=f"Bearer {token}")
    await app.state.services.close()
    assert signed_in
    assert await redis.sismember(redis_keys.views("user:ann"), "CPT:97550")  # the guest's page carried over


async def test_trusted_proxy_forwards_the_client_address(sample_graph: Graph, settings: Settings, redis: Redis) -> None:
    async with servers(settings, 1, TRUSTED_PROXIES="127.0.0.1") as urls, httpx.AsyncClient(timeout=20) as client:
        shown = [
            await _fresh_page(client, f"{urls[0]}/graphql", "97550", **{"x-forwarded-for": f"198.51.100.{i}"})
            for i in range(6)
        ]
    assert all(shown)  # six addresses behind the proxy, one page each
    assert await redis.exists(redis_keys.views(redis_keys.address_meter("198.51.100.5")))
    assert not await redis.exists(redis_keys.views(redis_keys.address_meter("127.0.0.1")))


async def test_requests_per_minute_for_everyone(sample_graph: Graph, settings: Settings, redis: Redis) -> None:
    app = create_app(settings.model_copy(update={"requests_per_minute": 3}))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        answers = [await client.post("/graphql", json={"query": "{ releases { label } }"}) for _ in range(4)]
        await redis.flushdb()  # the counter is gone, yet the refused caller stays refused: from memory
        remembered = await client.post("/graphql", json={"query": "{ releases { label } }"})
    await app.state.services.close()
    assert remembered.status_code == 429 and int(remembered.headers["retry-after"]) >= 1
    assert [a.status_code for a in answers] == [200, 200, 200, 429]
    refused = answers[3]
    assert refused.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
    assert int(refused.headers["retry-after"]) >= 1
    assert refused.headers["ratelimit-limit"] == "3" and refused.headers["ratelimit-remaining"] == "0"
    assert answers[0].headers["ratelimit-remaining"] == "2"


async def test_cost_per_minute_for_everyone(sample_graph: Graph, settings: Settings, redis: Redis) -> None:
    app = create_app(settings.model_copy(update={"cost_per_minute": 20}))
    query = '{ code(system: CPT, code: "97551") { code primaryCodes { code } } }'  # costs 7: 0, 7, 14 spent before each admitted, 21 >= 20
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        statuses = []
        for _ in range(5):
            answer = await client.post("/graphql", json={"query": query})
            statuses.append(answer.status_code)
            if answer.status_code == 200:
                assert answer.json()["extensions"]["cost"]["requested"] == 7
    await app.state.services.close()
    assert statuses[:3] == [200, 200, 200] and statuses[3:] == [429, 429], statuses


VIEWER = "{ viewer { tier limit used remaining addressAllowance { limit used remaining resetsAt } } }"


async def test_viewer_shows_the_address_allowance_a_guest_draws_on(
    sample_graph: Graph, settings: Settings, redis: Redis
) -> None:
    behind = {"x-forwarded-for": "198.51.100.77"}  # one address of its own, through a trusted proxy
    async with servers(settings, 1, TRUSTED_PROXIES="127.0.0.1") as urls, httpx.AsyncClient(timeout=20) as client:
        url = f"{urls[0]}/graphql"
        fresh = (await client.post(url, json={"query": VIEWER}, headers=behind)).json()["data"]["viewer"]
        assert await _fresh_page(client, url, "97550", **behind)  # two guests of the address, a page each
        assert await _fresh_page(client, url, "97551", **behind)
        viewer = (await client.post(url, json={"query": VIEWER}, headers=behind)).json()["data"]["viewer"]
        token = issue_token(settings, "bea", "registered")
        signed_in = await client.post(url, json={"query": VIEWER}, headers={"authorization": f"Bearer {token}"})
    limit = settings.guest_address_view_limit
    assert fresh["addressAllowance"] == {"limit": limit, "used": 0, "remaining": limit, "resetsAt": None}
    assert viewer["tier"] == "guest" and viewer["used"] == 1 and viewer["remaining"] == 0  # the last cookie's page
    shared = viewer["addressAllowance"]
    assert shared["limit"] == limit and shared["used"] == 2 and shared["remaining"] == limit - 2
    assert shared["resetsAt"] is not None
    assert await redis.scard(redis_keys.views(redis_keys.address_meter("198.51.100.77"))) == 2
    assert signed_in.json()["data"]["viewer"]["addressAllowance"] is None
