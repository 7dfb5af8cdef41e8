"""View limits against the real Redis: tiers, free re-views, sign-in carry-over, keys, rates, outages."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import jwt
import pytest

from graph_api.access import api_keys, redis_keys
from graph_api.access.identity import issue_token
from graph_api.access.redis_client import RedisClient
from graph_api.ingest.release import load_release
from graph_api.ops import stack
from graph_api.ops.isolated import free_port
from graph_api.server.app import create_app
from graph_api.settings import Settings
from graph_api.store.graph import Graph
from loaders.code_entries import CodeEntry, write_code_entries
from loaders.sample import parse_sample
from loaders.sink import Sink

PAGE = "query($c: String!) { code(system: CPT, code: $c) { code plainDescription } }"


SAMPLE_CPT = ["97550", "97551", "97552", "99291", "99292", "22612", "22614", "11042"]


@pytest.fixture
async def http(settings: Settings, redis: RedisClient) -> AsyncIterator[httpx.AsyncClient]:
    """A client with a cookie jar, as a browser would be (Redis flushed by the `redis` fixture)."""
    app = create_app(settings)
    transport = httpx.ASGITransport(app=app, client=("192.0.2.10", 40000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client
    await app.state.services.close()


async def page(client: httpx.AsyncClient, code: str, **headers: str) -> dict:  # type: ignore[type-arg]
    response = await client.post("/graphql", json={"query": PAGE, "variables": {"c": code}}, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def shown(body: dict) -> bool:  # type: ignore[type-arg]
    return body["data"]["code"]["plainDescription"] is not None


async def _hundred_codes(graph: Graph) -> list[tuple[str, str]]:
    """The sample's codes in use today and test-only codes (Z9xxx: a letter HCPCS does not use) make 100."""
    sample = [(c["system"], c["code"]) for c in parse_sample().codes if not c.get("terminated")]
    extra = [CodeEntry("HCPCS", f"Z9{n:03d}", "test code", "test code", True) for n in range(100 - len(sample))]

    async def write(batcher: Sink) -> None:
        await write_code_entries(batcher, iter(extra))

    await load_release(graph, source="test-extra", label="z-codes", files=[Path(__file__)], write=write)
    return sample + [(e.system, e.code) for e in extra]


async def _wait_healthy(client: httpx.AsyncClient, port: int) -> None:
    for _ in range(150):
        try:
            if (await client.get(f"http://127.0.0.1:{port}/healthz")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.1)
    raise AssertionError(f"uvicorn on port {port} did not become healthy")


async def test_guest_contract(sample_graph: Graph, http: httpx.AsyncClient) -> None:
    first = await page(http, "97550")
    assert shown(first) and "errors" not in first
    assert first["extensions"]["meter"]["tier"] == "guest" and first["extensions"]["meter"]["remaining"] == 0
    assert "guest_id" in http.cookies
    second = await page(http, "97551")
    assert second["data"]["code"] == {"code": "97551", "plainDescription": None}
    error = second["errors"][0]["extensions"]
    assert error["code"] == "VIEW_LIMIT_REACHED" and error["tier"] == "guest" and error["limit"] == 1
    assert error["remaining"] == 0 and error["resetsAt"] and "Sign in" in error["hint"]
    again = await page(http, "97550")
    assert shown(again) and "errors" not in again


async def test_unmetered_fields_stay_free(sample_graph: Graph, http: httpx.AsyncClient) -> None:
    await page(http, "97550")
    body = (
        await http.post(
            "/graphql",
            json={"query": '{ code(system: CPT, code: "97551") { code shortDescription primaryCodes { code } } }'},
        )
    ).json()
    assert "errors" not in body and body["data"]["code"]["primaryCodes"] == [{"code": "97550"}]
    assert "meter" not in body.get("extensions", {})


async def test_registered_sees_six_and_premium_all(
    sample_graph: Graph, http: httpx.AsyncClient, settings: Settings
) -> None:
    token = issue_token(settings, "alice", "registered")
    results = [shown(await page(http, code, authorization=f"Bearer {token}")) for code in SAMPLE_CPT[:7]]
    assert results == [True] * 6 + [False]
    assert shown(await page(http, SAMPLE_CPT[0], authorization=f"Bearer {token}"))  # re-view is free
    viewer = (
        await http.post(
            "/graphql",
            json={"query": "{ viewer { tier limit used remaining } }"},
            headers={"authorization": f"Bearer {token}"},
        )
    ).json()["data"]["viewer"]
    assert viewer == {"tier": "registered", "limit": 6, "used": 6, "remaining": 0}
    premium = issue_token(settings, "bob", "premium")
    assert all([shown(await page(http, code, authorization=f"Bearer {premium}")) for code in SAMPLE_CPT])


async def test_viewer_consumes_nothing(sample_graph: Graph, http: httpx.AsyncClient) -> None:
    for _ in range(3):
        viewer = (await http.post("/graphql", json={"query": "{ viewer { tier used remaining resetsAt } }"})).json()
        assert viewer["data"]["viewer"] == {"tier": "guest", "used": 0, "remaining": 1, "resetsAt": None}
    assert shown(await page(http, "97550"))


async def test_sign_in_carries_the_guest_page_over(
    sample_graph: Graph, http: httpx.AsyncClient, settings: Settings
) -> None:
    assert shown(await page(http, "97550"))  # cookie-less: metered by IP, cookie issued
    assert not shown(await page(http, "97551"))  # with the cookie: the IP's page came along
    token = issue_token(settings, "carol", "registered")
    signed_in = await page(http, "97550", authorization=f"Bearer {token}")
    assert shown(signed_in) and signed_in["extensions"]["meter"]["used"] == 1  # not charged twice
    assert "guest_id" not in http.cookies  # the cookie has done its work
    results = [shown(await page(http, code, authorization=f"Bearer {token}")) for code in SAMPLE_CPT[1:7]]
    assert results == [True] * 5 + [False]


async def test_every_key_has_a_ttl(
    sample_graph: Graph, http: httpx.AsyncClient, redis: RedisClient, settings: Settings
) -> None:
    await page(http, "97550")
    await page(http, "97551", authorization=f"Bearer {issue_token(settings, 'dave', 'registered')}")
    key, _ = await api_keys.create(redis, "ttl-check", 5, 10)
    await page(http, "97552", **{"x-api-key": key})
    names = [n async for n in redis.scan_iter(f"{redis_keys.PREFIX}:views:*")]
    names += [n async for n in redis.scan_iter(f"{redis_keys.PREFIX}:rate:*")]
    assert len(names) >= 4
    for name in names:
        assert await redis.ttl(name) > 0, name
    views_ttl = await redis.ttl(redis_keys.views("user:dave"))
    assert settings.view_period_days * 86400 - 60 < views_ttl <= settings.view_period_days * 86400


@pytest.mark.parametrize("kind", ["forged", "expired", "malformed", "wrong-tier", "not-bearer"])
async def test_bad_tokens_are_401(sample_graph: Graph, http: httpx.AsyncClient, settings: Settings, kind: str) -> None:
    secret = settings.graph_api_secret.get_secret_value()
    header = {
        "forged": "Bearer "
        + jwt.encode(
            {"sub": "x", "tier": "premium", "exp": time.time() + 60}, "a-forger-does-not-know-the-real-secret!", "HS256"
        ),
        "expired": "Bearer " + jwt.encode({"sub": "x", "tier": "premium", "exp": time.time() - 60}, secret, "HS256"),
        "malformed": "Bearer not.a.jwt",
        "wrong-tier": "Bearer " + jwt.encode({"sub": "x", "tier": "admin", "exp": time.time() + 60}, secret, "HS256"),
        "not-bearer": "Basic dXNlcjpwYXNz",
    }[kind]
    response = await http.post(
        "/graphql", json={"query": PAGE, "variables": {"c": "97550"}}, headers={"authorization": header}
    )
    assert response.status_code == 401
    body = response.json()
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED" and body["errors"][0]["message"]
    if kind == "expired":
        assert "expired" in body["errors"][0]["message"]


async def test_partner_key_quota_revocation_and_rate(
    sample_graph: Graph, http: httpx.AsyncClient, redis: RedisClient
) -> None:
    key, _ = await api_keys.create(redis, "acme", quota=2, rpm=5)
    assert key not in str(await redis.hgetall(redis_keys.api_key_ids())) and key not in str(
        [k async for k in redis.scan_iter()]
    )
    headers = {"x-api-key": key}
    results = [shown(await page(http, code, **headers)) for code in ("97550", "97551", "97552")]
    assert results == [True, True, False]
    response = await http.post("/graphql", json={"query": "{ viewer { tier limit } }"}, headers=headers)
    assert response.json()["data"]["viewer"] == {"tier": "partner", "limit": 2}
    assert response.headers["RateLimit-Limit"] == "5" and response.headers["RateLimit-Remaining"] == "1"
    await http.post("/graphql", json={"query": "{ viewer { tier } }"}, headers=headers)
    limited = await http.post("/graphql", json={"query": "{ viewer { tier } }"}, headers=headers)
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) > 0
    assert limited.headers["RateLimit-Remaining"] == "0"
    other, other_record = await api_keys.create(redis, "globex", quota=5, rpm=100)
    assert (
        await http.post("/graphql", json={"query": "{ viewer { tier } }"}, headers={"x-api-key": other})
    ).status_code == 200
    assert await api_keys.revoke(redis, other_record.id)
    revoked = await http.post("/graphql", json={"query": "{ viewer { tier } }"}, headers={"x-api-key": other})
    assert revoked.status_code == 401 and "revoked" in revoked.json()["errors"][0]["message"]


async def test_redis_down_fails_closed_fast(sample_graph: Graph, dead_settings: Settings) -> None:
    settings = dead_settings.model_copy(update={"neo4j_uri": sample_graph.settings.neo4j_uri})
    app = create_app(settings)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        started = time.monotonic()
        body = await page(client, "97550")
        elapsed = time.monotonic() - started
        free = (
            await client.post(
                "/graphql", json={"query": '{ code(system: CPT, code: "97551") { code primaryCodes { code } } }'}
            )
        ).json()
    await app.state.services.close()
    assert body["data"]["code"] == {"code": "97550", "plainDescription": None}
    assert body["errors"][0]["extensions"]["code"] == "VIEW_LIMIT_UNAVAILABLE"
    assert elapsed < 1.0  # the meter's own budget is 150 ms; this bounds the whole request
    assert free["data"]["code"]["primaryCodes"] == [{"code": "97550"}] and "errors" not in free


async def test_redis_stopped_and_restarted_mid_run(
    sample_graph: Graph, http: httpx.AsyncClient, settings: Settings
) -> None:
    assert shown(await page(http, "97550"))
    if not stack.stop_redis(settings, lambda line: None):
        pytest.skip("the Redis on REDIS_URL was not started by this checkout's stack, so this test may not stop it")
    try:
        started = time.monotonic()
        down = await page(http, "97550")
        assert time.monotonic() - started < 1.0
        assert down["errors"][0]["extensions"]["code"] == "VIEW_LIMIT_UNAVAILABLE"
        assert down["data"]["code"]["code"] == "97550"
    finally:
        stack.start_redis(settings)
    back = await page(http, "97550")  # same app, no restart: the client reconnects; the data survived (AOF)
    assert shown(back) and "errors" not in back


async def test_concurrent_first_views_admit_exactly_one(
    sample_graph: Graph, settings: Settings, redis: RedisClient
) -> None:
    """100 first views of different codes by one guest, over two uvicorn processes: exactly one admitted."""
    codes = await _hundred_codes(sample_graph)
    assert len(set(codes)) == 100
    ports = (free_port(), free_port())
    env = {**os.environ, "NEO4J_URI": settings.neo4j_uri, "REDIS_URL": settings.redis_url}
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "graph_api.server.app:create_app",
        "--factory",
        "--log-level",
        "warning",
    ]
    # Two real server processes share one Redis meter; starting them once is test set-up, not request work.
    servers = [subprocess.Popen([*command, "--port", str(port)], env=env) for port in ports]  # noqa: ASYNC220
    try:
        async with httpx.AsyncClient(timeout=20) as client:
            for port in ports:
                await _wait_healthy(client, port)
            first = await client.post(f"http://127.0.0.1:{ports[0]}/graphql", json={"query": "{ viewer { tier } }"})
            cookie = first.headers["set-cookie"].split(";")[0]
            query = "query($s: CodeSystem!, $c: String!) { code(system: $s, code: $c) { code longDescription } }"

            async def view(i: int, code: tuple[str, str]) -> dict:  # type: ignore[type-arg]
                body = {"query": query, "variables": {"s": code[0], "c": code[1]}}
                response = await client.post(
                    f"http://127.0.0.1:{ports[i % 2]}/graphql", json=body, headers={"cookie": cookie}
                )
                return response.json()  # type: ignore[no-any-return]

            answers = await asyncio.gather(*(view(i, c) for i, c in enumerate(codes)))
        assert all(a["data"]["code"] is not None for a in answers), [a for a in answers if not a["data"]["code"]][:2]
        refused = [a for a in answers if a.get("errors")]
        assert all(a["errors"][0]["extensions"]["code"] == "VIEW_LIMIT_REACHED" for a in refused), [
            a["errors"] for a in refused if a["errors"][0]["extensions"]["code"] != "VIEW_LIMIT_REACHED"
        ][:3]
        assert len(answers) - len(refused) == 1
        guest = f"guest:{cookie.split('=')[1].split('.')[0]}"
        assert await redis.scard(redis_keys.views(guest, redis_keys.address_meter("127.0.0.1"))) == 1
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)


async def test_rs256_tokens_with_a_configured_public_key(
    sample_graph: Graph, settings: Settings, redis: RedisClient
) -> None:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    public_pem = (
        private.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    app = create_app(settings.model_copy(update={"jwt_public_key": public_pem}))
    claims = {"sub": "erin", "tier": "registered", "exp": time.time() + 60}
    good = jwt.encode(claims, private, algorithm="RS256")
    hs256 = issue_token(settings, "erin", "registered")  # signed with the shared secret: not accepted now
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        ok = await client.post(
            "/graphql", json={"query": "{ viewer { tier limit } }"}, headers={"authorization": f"Bearer {good}"}
        )
        refused = await client.post(
            "/graphql", json={"query": "{ viewer { tier } }"}, headers={"authorization": f"Bearer {hs256}"}
        )
    await app.state.services.close()
    assert ok.status_code == 200 and ok.json()["data"]["viewer"] == {"tier": "registered", "limit": 6}
    assert refused.status_code == 401


async def test_guidelines_are_a_metered_page_field(sample_graph: Graph, http: httpx.AsyncClient) -> None:
    query = "query($c: String!) { code(system: CPT, code: $c) { code guidelines { id } } }"
    first = (await http.post("/graphql", json={"query": query, "variables": {"c": "97551"}})).json()
    assert first["data"]["code"]["guidelines"] == [{"id": "addon-reported-with-primary"}]
    refused = (await http.post("/graphql", json={"query": query, "variables": {"c": "99292"}})).json()
    assert refused["data"]["code"] == {"code": "99292", "guidelines": None}
    assert refused["errors"][0]["extensions"]["code"] == "VIEW_LIMIT_REACHED"
