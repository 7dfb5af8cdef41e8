"""What the public-internet checks cost per request: p50 with and without them, in the same run.

    python -m bench.checks [--requests 2000]

Three in-process variants of the same code-page request (ASGI, no sockets: the checks are sub-millisecond and
a socket would drown them on 2 shared cores), the read cache warm, metering off, interleaved in rounds:
  without   identity + GraphQL endpoint, documents cached by strawberry's ParserCache/ValidationCache (the
            pipeline before the checks), no fair use
  checks    + body cap, security headers, the document gate (bounded cache, shape limits, cost), no fair use
  +PING     + one plain Redis PING per request instead (the round-trip floor, same run)
  +fair use + the one fair-use Lua call per request (requests and cost per minute, one Redis round trip)
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from functools import partial

import httpx
from starlette.applications import Starlette
from strawberry.extensions import ParserCache, ValidationCache

from bench.common import graph, peak_rss_mb, reset, row
from graph_api.ingest.kinds import load
from graph_api.server.app import create_app
from graph_api.server.body_limit import BodyLimitMiddleware
from graph_api.server.production import SecurityHeadersMiddleware
from graph_api.settings import get_settings
from schema.build import CodeGraphSchema, MeterReport, PublicErrors
from schema.query import Query

QUERY = '{ code(system: CPT, code: "97551") { system code display isAddOn primaryCodes { code system addOnType } } }'


def _old_schema() -> CodeGraphSchema:
    return CodeGraphSchema(
        query=Query,
        extensions=[
            partial(ParserCache, maxsize=1024),
            partial(ValidationCache, maxsize=1024),
            PublicErrors,
            MeterReport,
        ],
    )


def _without_checks(app: Starlette) -> Starlette:
    """The same app with the new middleware removed and strawberry's unbounded-by-bytes caches instead of the gate."""
    app.state.graphql_endpoint.schema = _old_schema()
    app.user_middleware = [
        m
        for m in app.user_middleware
        if m.cls not in (BodyLimitMiddleware, SecurityHeadersMiddleware)  # type: ignore[comparison-overlap]
    ]
    app.middleware_stack = None
    return app


def _with_ping(app: Starlette) -> Starlette:
    """The checks plus one plain Redis PING per request where fair use would call: the round-trip floor."""
    fair_use = app.state.services.resolver.fair_use

    async def ping(subject: str, rpm: int) -> dict[str, str]:
        await fair_use.redis.ping()
        return {}

    fair_use.admit = ping
    return app


async def _once(client: httpx.AsyncClient) -> float:
    started = time.perf_counter()
    response = await client.post("/graphql", json={"query": QUERY})
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200 and "errors" not in response.json(), response.text
    return elapsed


NESTED = (
    '{ code(system: CPT, code: "97551") { relatedCodes(first: 100) { code { relatedCodes(first: 100) {'
    " code { relatedCodes(first: 100) { code { relatedCodes(first: 100) { code { code } } } } } } } } } }"
)


def _aliases(n: int, salt: int) -> str:
    return "{" + " ".join(f'a{i}: code(system: CPT, code: "{salt}-{i}") {{ code }}' for i in range(n)) + "}"


async def _refusals(client: httpx.AsyncClient) -> dict[str, list[float]]:
    """Server time of refusals: a nested-pages document (cached after the first), and first sights of
    documents over the alias limit and over the body cap."""
    found: dict[str, list[float]] = {"nested (cached)": [], "51 aliases (new each time)": [], "10 MB body": []}
    big = b'{"query": "' + b"x" * 10_000_000 + b'"}'
    for i in range(200):
        started = time.perf_counter()
        r = await client.post("/graphql", json={"query": NESTED})
        found["nested (cached)"].append((time.perf_counter() - started) * 1000)
        assert r.json()["errors"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"
        started = time.perf_counter()
        r = await client.post("/graphql", json={"query": _aliases(51, i)})
        found["51 aliases (new each time)"].append((time.perf_counter() - started) * 1000)
        assert r.json()["errors"][0]["extensions"]["code"] == "QUERY_TOO_COMPLEX"
        if i < 20:
            started = time.perf_counter()
            r = await client.post("/graphql", content=big, headers={"content-type": "application/json"})
            found["10 MB body"].append((time.perf_counter() - started) * 1000)
            assert r.status_code == 413
    return found


async def _memory(client: httpx.AsyncClient) -> float:
    """RSS growth (MB) after 15 distinct documents near the body cap (49 aliases, ~95 KB of text each)."""
    before = peak_rss_mb()
    for n in range(15):
        query = _aliases(49, n)[:-1] + " releases { label } #" + "y" * 90_000 + "\n}"
        r = await client.post("/graphql", json={"query": query})
        assert r.status_code == 200, r.text[:200]
    return peak_rss_mb() - before


async def _schema_only(app: Starlette, requests: int) -> dict[str, float]:
    """p50 of schema.execute alone (no HTTP): the document gate vs strawberry's caches, same warm reader."""
    services = app.state.services
    schemas = {"without": _old_schema(), "gate": app.state.graphql_endpoint.schema}
    found: dict[str, list[float]] = {k: [] for k in schemas}
    for _ in range(max(requests // 100, 1) + 1):
        for name, schema in schemas.items():
            for _ in range(100):
                context = services.context(None)
                started = time.perf_counter()
                result = await schema.execute(QUERY, context_value=context)
                found[name].append((time.perf_counter() - started) * 1000)
                assert not result.errors, result.errors
    return {k: statistics.median(v[100:]) for k, v in found.items()}


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=2000)
    args = parser.parse_args()
    settings = get_settings().model_copy(update={"metering": False, "read_cache_check_s": 60})
    g = graph()
    await reset(g)
    await load(g, "sample")
    await g.close()
    unfair = settings.model_copy(update={"requests_per_minute": 0, "cost_per_minute": 0})
    fair = settings.model_copy(update={"requests_per_minute": 10**9, "cost_per_minute": 10**12})
    apps = {
        "without": _without_checks(create_app(unfair)),
        "checks": create_app(unfair),
        "+PING": _with_ping(create_app(fair)),
        "+fair use": create_app(fair),
    }
    clients = {k: httpx.AsyncClient(transport=httpx.ASGITransport(app=a), base_url="http://b") for k, a in apps.items()}
    samples: dict[str, list[float]] = {k: [] for k in apps}
    for client in clients.values():  # warm-up: read cache, document caches, connections
        for _ in range(50):
            await _once(client)
    rounds = max(args.requests // 20, 1)
    for _ in range(rounds):
        for name, client in clients.items():
            samples[name].extend([await _once(client) for _ in range(20)])
    schema_p50 = await _schema_only(apps["checks"], args.requests)
    refusals = await _refusals(clients["checks"])
    grown = await _memory(clients["checks"])
    for name, client in clients.items():
        await client.aclose()
        await apps[name].state.services.close()
    p50 = {k: statistics.median(v) for k, v in samples.items()}
    print(f"Public-internet checks, {rounds * 20:,} code-page requests per variant, in-process ASGI, interleaved")
    for name in apps:
        row(f"{name} p50", p50[name], "ms")
    row("checks add (p50 checks - without)", p50["checks"] - p50["without"], "ms", "target < 0.1")
    row("a plain Redis PING adds (p50 +PING - checks)", p50["+PING"] - p50["checks"], "ms", "round-trip floor")
    row("fair use adds (p50 +fair use - checks)", p50["+fair use"] - p50["checks"], "ms", "one Lua call")
    row("schema.execute alone, strawberry caches p50", schema_p50["without"], "ms")
    row("schema.execute alone, document gate p50", schema_p50["gate"], "ms")
    row("gate adds (p50)", schema_p50["gate"] - schema_p50["without"], "ms", "target < 0.1")
    for name, times in refusals.items():
        row(f"refused: {name} p50", statistics.median(times), "ms", f"max {max(times):.2f} ms; goal < 50")
    row("peak RSS growth, 15 distinct ~95 KB documents", grown, "MB", "goal < 100")


if __name__ == "__main__":
    asyncio.run(main())
