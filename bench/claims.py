"""Claim validation over HTTP vs the raw Cypher reads it needs, same run.

    python -m bench.claims [--ptp-rows 300000] [--seconds 5] [--skip-build]

Builds the graph (a generated practitioner PTP table, plus the real AOC workbook, MUE excerpt and PFS RVU file
when ../shared/data is there), then measures through one uvicorn worker (metering off):
  - validateClaim of one 50-line claim, one request at a time: p50 (goal <= 10 ms);
  - validateClaims of 200 such claims (10,000 lines) per request, 2 in flight: claim lines/s (goal >= 10,000);
each next to the same fact read (get_claim_facts, one auto-commit statement, as the server runs it) through the
bare driver.
Claims are a column-1 code with up to 30 of its column-2 codes, random codes, add-ons and MUE codes.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time
from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any

import httpx
import neo4j

from bench.code_page import cpu_seconds, serve
from bench.common import DATA, SHARED_DATA, graph, reset, row, wait_ready
from bench.load_client import LoadClient
from bench.ptp_data import generate
from graph_api.ingest.kinds import load
from graph_api.settings import get_settings
from graph_api.store.claim_reader import facts_params
from schema.claims.inputs import RawClaim, RawLine, checked
from schema.claims.rules import facts_request

SHARED = SHARED_DATA
ONE = "query($c: ClaimInput!) { validateClaim(claim: $c) { clean findings { rule lineIds release { label } } } }"
MANY = "query($c: [ClaimInput!]!) { validateClaims(claims: $c) { clean findings { rule lineIds release { label } } } }"
PORT = 18310


async def build(ptp_rows: int) -> None:
    g = graph()
    try:
        await reset(g)
        for kind, relative in (
            ("aoc", "ncci_aoc/AOC_V2026Q2-MCR.xlsx"),
            ("mue", "ncci_mue/MCR_MUE_PractitionerServices_Eff_07-01-2026.excerpt.csv"),
            ("pfs", "pfs_rvu/PPRRVU23_OCT.csv"),
        ):
            if (SHARED / relative).exists():
                await load(g, kind, [SHARED / relative])
        await load(g, "ptp", generate(DATA / "ptp", ptp_rows))
    finally:
        await g.close()


def make_claims(ptp_rows: int, count: int, seed: int = 14) -> list[dict[str, Any]]:
    pairs: dict[str, list[str]] = {}
    for path in generate(DATA / "ptp", ptp_rows)[:1]:
        for line in path.read_text().splitlines()[6:]:
            one, two = line.split("\t")[:2]
            pairs.setdefault(one, []).append(two)
    rng = random.Random(seed)
    column1 = [c for c, twos in pairs.items() if len(twos) >= 15]
    every = sorted({c for twos in pairs.values() for c in twos})
    claims = []
    for n in range(count):
        head = rng.choice(column1)
        twos = rng.sample(pairs[head], min(30, len(pairs[head])))
        codes = [head, *twos, *rng.sample(every, 43 - len(twos)), "22614", "22612", "0054T", "0001U"]
        codes += ["0009U", "27447"]
        lines = [
            {"code": c, "modifiers": rng.choice([[], [], ["XS"], ["50"], ["LT"]]), "units": rng.choice([1, 1, 2, 3])}
            for c in codes[:50]
        ]
        claims.append({"claimId": f"b{n}", "dateOfService": "2024-06-01", "lines": lines})
    return claims


def read_params(claims: list[dict[str, Any]], rids: list[str]) -> dict[str, Any]:
    """The parameters validateClaims sends for these claims (the same request builder)."""
    checked_claims = [
        checked(
            RawClaim(
                date.fromisoformat(c["dateOfService"]),
                [RawLine(None, x["code"], None, x["modifiers"], x["units"]) for x in c["lines"]],
            )
        )
        for c in claims
    ]
    return facts_params(facts_request(checked_claims), rids)


async def drive(call: Callable[[int], Awaitable[None]], seconds: float, concurrency: int) -> tuple[list[float], float]:
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds

    async def worker(k: int) -> None:
        i = k
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            await call(i)
            latencies.append((time.perf_counter() - started) * 1000)
            i += concurrency

    started = time.perf_counter()
    await asyncio.gather(*(worker(k) for k in range(concurrency)))
    return latencies, len(latencies) / (time.perf_counter() - started)


async def http(claims: list[dict[str, Any]], batches: list[list[dict[str, Any]]], seconds: float) -> dict[str, Any]:
    # 200 claims of 50 lines are ~1 MB of JSON: over the default body cap of 100 kB (MAX_BODY_BYTES). The same
    # claims are sent again and again: whole results are not kept, or the bench would time the result cache.
    server = serve(PORT, metering=False, cache=True, MAX_BODY_BYTES=str(8 << 20), RESULT_CACHE_ENTRIES="0")
    try:
        async with httpx.AsyncClient(timeout=60) as waiter:
            await wait_ready(waiter, PORT)
        # The lean client: httpx spends milliseconds of CPU per request on the same two cores as the server.
        client = LoadClient(PORT, connections=2, wait_s=60)
        try:

            async def one(i: int) -> None:
                status, answer = await client.post_json(
                    "/graphql", {"query": ONE, "variables": {"c": claims[i % len(claims)]}}
                )
                assert status == 200 and b'"errors"' not in answer, answer[:500]

            async def many(i: int) -> None:
                payload = {"query": MANY, "variables": {"c": batches[i % len(batches)]}}
                status, answer = await client.post_json("/graphql", payload)
                assert status == 200 and b'"errors"' not in answer, answer[:500]

            await drive(one, 1, 1)
            cpu = cpu_seconds(server.pid)
            single = await drive(one, seconds, 1)
            single_cpu = (cpu_seconds(server.pid) - cpu) / len(single[0])
            await drive(many, 1, 2)
            cpu = cpu_seconds(server.pid)
            bulk = await drive(many, seconds, 2)
            bulk_cpu = (cpu_seconds(server.pid) - cpu) / len(bulk[0])
            return {"single": single, "bulk": bulk, "single_cpu": single_cpu, "bulk_cpu": bulk_cpu}
        finally:
            await client.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


async def raw(claims: list[dict[str, Any]], batches: list[list[dict[str, Any]]], seconds: float) -> dict[str, Any]:
    """The same statement through the bare driver: one auto-commit read, as the server runs it."""
    settings = get_settings()
    g = graph()
    text, version = g.cypher.text("get_claim_facts"), g.cypher.text("get_release_version")
    await g.close()
    auth = (settings.neo4j_user, settings.neo4j_password.get_secret_value())
    driver_of = neo4j.AsyncGraphDatabase.driver
    async with driver_of(settings.neo4j_uri, auth=auth, notifications_min_severity="OFF") as driver:
        db = settings.neo4j_database
        rids = (await driver.execute_query(version, database_=db)).records[0]["ids"]
        single_params = [read_params([c], rids) for c in claims]
        bulk_params = [read_params(b, rids) for b in batches]

        async def reads(p: dict[str, Any]) -> None:
            async with driver.session(database=db, default_access_mode=neo4j.READ_ACCESS) as session:
                _ = [record async for record in await session.run(text, p)]

        async def one(i: int) -> None:
            await reads(single_params[i % len(single_params)])

        async def many(i: int) -> None:
            await reads(bulk_params[i % len(bulk_params)])

        await drive(one, 1, 1)
        single = await drive(one, seconds, 1)
        await drive(many, 1, 2)
        bulk = await drive(many, seconds, 2)
        return {"single": single, "bulk": bulk}


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ptp-rows", type=int, default=300_000)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--skip-build", action="store_true")
    args = parser.parse_args()
    if not args.skip_build:
        await build(args.ptp_rows)
    claims = make_claims(args.ptp_rows, 600)
    batches = [claims[n : n + 200] for n in range(0, len(claims), 200)]
    served = await http(claims[:20], batches, args.seconds)
    floor = await raw(claims[:20], batches, args.seconds)
    lines = sum(len(c["lines"]) for c in batches[0])
    print(f"Claim validation, 50-line claims, {args.ptp_rows:,} generated PTP edges, one uvicorn worker, metering off")
    p50 = statistics.median(served["single"][0])
    p50_raw = statistics.median(floor["single"][0])
    row("validateClaim 50 lines over HTTP p50", p50, "ms", "goal <= 10")
    row("same fact reads, bare driver p50 (floor)", p50_raw, "ms")
    row("p50 ratio HTTP / floor", p50 / p50_raw, "x")
    rate, rate_raw = served["bulk"][1] * lines, floor["bulk"][1] * lines
    row(f"validateClaims {len(batches[0])} claims/request, 2 in flight", rate, "lines/s", "goal >= 10,000")
    row("same fact reads, bare driver (floor)", rate_raw, "lines/s")
    row("throughput ratio HTTP / floor", rate / rate_raw, "x")
    # What one worker could do with a core to itself: the load generator and Neo4j share the same 2 cores.
    row("server CPU per 50-line validateClaim", served["single_cpu"] * 1000, "ms")
    row(f"server CPU per {lines:,}-line validateClaims", served["bulk_cpu"] * 1000, "ms")
    row("claim lines/s one worker could serve on a core", lines / served["bulk_cpu"], "lines/s")


if __name__ == "__main__":
    asyncio.run(main())
