"""Code-page latency over HTTP vs the raw-driver floor, and what the view meter adds; same run.

    python -m bench.code_page [--ptp-rows 1000000] [--seconds 10] [--concurrency 8]

Builds the graph (sample + the real AOC workbook when ../shared/data is there + the ICD-10-CM tabular
+ a generated practitioner PTP table), then measures the canonical code-page query through one
uvicorn worker (metering off, then on with a premium token, then with the read cache off), and the same
Cypher statements through the bare driver at the same concurrency. The load generator runs on the same 2 cores.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import neo4j

from bench import peer
from bench.common import DATA, SHARED_DATA, graph, reset, row, server_env
from bench.ptp_data import generate
from graph_api.access.identity import issue_token
from graph_api.ingest.kinds import load
from graph_api.settings import get_settings

QUERY = """query($c: String!) { code(system: CPT, code: $c) {
  code shortDescription plainDescription longDescription isAddOn
  primaryCodes { code addOnType } addOnCodes { code addOnType }
  ptpEdits(first: 20) { column1 column2 modifierIndicator effectiveDate deletionDate }
  mue { value adjudicationIndicator } } }"""
# The engine path's page: the code page peer-bench compares with the reference product (its PROJECT query).
ENGINE_QUERY = """query CodePage($s: CodeSystem!, $c: String!, $to: CodeSystem!) {
  code(system: $s, code: $c) {
    system code display shortDescription longDescription plainDescription isAddOn contractorDefinedPrimaries
    addedDate terminationDate
    descriptions { kind text }
    primaryCodes { system code display addOnType effectiveDate deletionDate notes }
    addOnCodes { system code display addOnType effectiveDate deletionDate notes }
    ptpEditPage(first: 20) {
      totalCount
      edges { cursor node { column1 column2 prior1996 effectiveDate deletionDate modifierIndicator rationale } }
      pageInfo { endCursor hasNextPage }
    }
    mue { value adjudicationIndicator adjudicationText rationale }
    crosswalks(to: $to) { system code display approximate noMap combination scenario choiceList }
  }
}"""
CODES = ["97550", "97551", "99291", "99292", "22612", "22614", "11042", "11045", "64483", "20930"]


async def build(ptp_rows: int) -> None:
    g = graph()
    try:
        await reset(g)
        await load(g, "sample")
        aoc = SHARED_DATA / "ncci_aoc" / "AOC_V2026Q2-MCR.xlsx"
        if aoc.exists():
            await load(g, "aoc", [aoc])
        import importlib.util

        spec = importlib.util.find_spec("simple_icd_10_cm")
        if spec and spec.origin:
            await load(g, "icd10cm", [Path(spec.origin).parent / "data" / "icd10cm-tabular-April-2025.xml"])
        await load(g, "ptp", generate(DATA / "ptp", ptp_rows))
    finally:
        await g.close()


async def drive(call: Callable[[str], Awaitable[None]], seconds: float, concurrency: int) -> tuple[list[float], float]:
    latencies: list[float] = []
    deadline = time.perf_counter() + seconds

    async def worker(k: int) -> None:
        i = k
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            await call(CODES[i % len(CODES)])
            latencies.append((time.perf_counter() - started) * 1000)
            i += 1

    started = time.perf_counter()
    await asyncio.gather(*(worker(k) for k in range(concurrency)))
    return latencies, len(latencies) / (time.perf_counter() - started)


def report(label: str, latencies: list[float], rate: float) -> float:
    ordered = sorted(latencies)
    p50, p99 = statistics.median(ordered), ordered[int(len(ordered) * 0.99) - 1]
    row(f"{label} p50", p50, "ms")
    row(f"{label} p99", p99, "ms")
    row(f"{label} throughput", rate, "req/s")
    return p50


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of one process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def bench_body(code: str) -> dict[str, Any]:
    return {"query": QUERY, "variables": {"c": code}}


def engine_body(code: str) -> dict[str, Any]:
    return {"query": ENGINE_QUERY, "variables": {"s": "CPT", "c": code, "to": "ICD9CM"}}


async def over_http(
    server: subprocess.Popen[bytes],
    port: int,
    seconds: float,
    concurrency: int,
    headers: dict[str, str],
    body: Callable[[str], dict[str, Any]] = bench_body,
) -> tuple[list[float], float, float]:
    """Latencies, req/s, and the server's own CPU seconds per request over the measured run."""
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10, headers=headers) as client:
        for _ in range(300):
            try:
                if (await client.post("/graphql", json=body(CODES[0]))).status_code == 200:
                    break
            except httpx.TransportError:
                await asyncio.sleep(0.1)

        async def call(code: str) -> None:
            response = await client.post("/graphql", json=body(code))
            assert response.status_code == 200 and "errors" not in response.json(), response.text

        await drive(call, 2, concurrency)  # warm-up
        cpu = cpu_seconds(server.pid)
        latencies, rate = await drive(call, seconds, concurrency)
        return latencies, rate, (cpu_seconds(server.pid) - cpu) / len(latencies)


async def current_releases() -> tuple[list[str], dict[str, Any]]:
    g = graph()
    try:
        row = (await g.read("get_release_version"))[0]
    finally:
        await g.close()
    return row["ids"], {r["id"]: r for r in row["releases"]}


async def raw_floor(
    seconds: float, concurrency: int, ptp_first: int = 20, crosswalk: str | None = None
) -> tuple[list[float], float]:
    """The statement the server sends for a code page (cypher/get_code_page.cypher), through the bare driver."""
    settings = get_settings()
    g = graph()
    text = g.cypher.text("get_code_page")
    await g.close()
    rids, releases = await current_releases()
    auth = (settings.neo4j_user, settings.neo4j_password.get_secret_value())
    async with neo4j.AsyncGraphDatabase.driver(settings.neo4j_uri, auth=auth) as driver:
        db = settings.neo4j_database
        day = date.today()

        async def call(code: str) -> None:
            ptp = {"setting": "practitioner", "role": "any", "asOf": day, "first": ptp_first, "after": None}
            key = {"system": "CPT", "code": code, "asOf": day, "primaries": day, "addOns": day, "ptp": ptp}
            key |= {"mues": True, "crosswalkTarget": crosswalk, "releases": False}  # the pages show no release
            await driver.execute_query(text, keys=[key], rids=rids, releases=releases, database_=db, routing_="r")

        await drive(call, 2, concurrency)
        return await drive(call, seconds, concurrency)


def serve(port: int, metering: bool, cache: bool, **extra: str) -> subprocess.Popen[bytes]:
    env = server_env(METERING="true" if metering else "false", **extra)
    if not cache:  # the engine path: neither answers per read nor whole results kept
        env["READ_CACHE_ENTRIES"] = "0"
        env["RESULT_CACHE_ENTRIES"] = "0"
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "graph_api.server.app:create_app",
        "--factory",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
    ]
    return subprocess.Popen(command, env=env)


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--ptp-rows", type=int, default=1_000_000)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--skip-build", action="store_true")
    parser.add_argument("--engine-only", action="store_true", help="only the engine path beside its floor and the peer")
    args = parser.parse_args()
    if not args.skip_build:
        await build(args.ptp_rows)
    await engine_path(args.seconds, sorted({1, args.concurrency}), args.ptp_rows)
    if args.engine_only:
        return
    token = issue_token(get_settings(), "bench", "premium")  # premium: every request is metered, none refused
    results = {}
    server_cpu: dict[tuple[bool, bool], float] = {}
    for metering, cache in ((False, True), (True, True), (False, False)):
        server = serve(18300, metering, cache)
        try:
            latencies, rate, per_request = await over_http(
                server, 18300, args.seconds, args.concurrency, {"authorization": f"Bearer {token}"}
            )
            results[metering, cache] = (latencies, rate)
            # What one worker could serve with a core to itself; on this 2-core box the load generator
            # takes the other core and part of this one, so measured req/s stays below it.
            server_cpu[metering, cache] = per_request
        finally:
            server.terminate()
            server.wait(timeout=10)
    floor = await raw_floor(args.seconds, args.concurrency)
    print(
        f"Code-page query, {len(CODES)} codes in turn, concurrency {args.concurrency}, one uvicorn worker, "
        f"{args.ptp_rows:,} PTP edges"
    )
    p50_off = report("HTTP, metering off", *results[False, True])
    p50_on = report("HTTP, metering on (premium)", *results[True, True])
    p50_cold = report("HTTP, read cache off, metering off", *results[False, False])
    p50_raw = report("raw driver, the same page statement (floor)", *floor)
    for (metering, cache), label in (((False, True), "metering off"), ((True, True), "metering on")):
        per_request = server_cpu[metering, cache]
        row(f"server CPU per request, {label}", per_request * 1000, "ms")
        row(f"req/s one worker could serve on a core, {label}", 1 / per_request, "req/s", "goal >= 1500")
    row("p50 ratio HTTP / floor", p50_off / p50_raw, "x", "goal <= 2.5")
    row("p50 ratio HTTP without read cache / floor", p50_cold / p50_raw, "x")
    row("meter adds (p50 on - off)", p50_on - p50_off, "ms", "goal <= 0.2")


async def engine_path(seconds: float, concurrencies: list[int], ptp_rows: int) -> None:
    """The code page with both caches off (every page from Neo4j) beside its raw-driver floor and the peer."""
    why_not = peer.missing()
    rids, _ = await current_releases()
    print(
        f"Engine path (read and result caches off): the peer-bench code page, {len(CODES)} CPT codes in turn, "
        f"one uvicorn worker, {ptp_rows:,} PTP edges, load average {os.getloadavg()[0]:.1f}"
    )
    for concurrency in concurrencies:
        server = serve(18300, False, False)
        try:
            engine = await over_http(server, 18300, seconds, concurrency, {}, engine_body)
        finally:
            server.terminate()
            server.wait(timeout=10)
        floor = await raw_floor(seconds, concurrency, ptp_first=21, crosswalk="ICD9CM")
        print(f" concurrency {concurrency}")
        p50 = report("engine path over HTTP", engine[0], engine[1])
        row("engine path server CPU per request", engine[2] * 1000, "ms")
        p50_floor = report("floor: raw driver, page statement", *floor)
        row("p50 engine / floor", p50 / p50_floor, "x", "goal <= 1.2")
        if why_not:
            print(f"  peer skipped: {why_not}")
            continue
        peer_server = peer.start(18301)
        try:
            found = await over_http(
                peer_server, 18301, seconds, concurrency, {}, lambda code: peer.body("CPT", code, rids)
            )
        finally:
            peer_server.terminate()
            peer_server.wait(timeout=10)
        p50_peer = report("@neo4j/graphql (peer)", found[0], found[1])
        row("peer server CPU per request", found[2] * 1000, "ms")
        row("p50 engine / peer", p50 / p50_peer, "x", "goal <= 0.67")


if __name__ == "__main__":
    asyncio.run(main())
