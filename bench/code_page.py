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
from pathlib import Path

import httpx
import neo4j

from bench.common import DATA, SHARED_DATA, graph, reset, row
from bench.ptp_data import generate
from graph_api.access.identity import issue_token
from graph_api.ingest.kinds import load
from graph_api.settings import get_settings

QUERY = """query($c: String!) { code(system: CPT, code: $c) {
  code shortDescription plainDescription longDescription isAddOn
  primaryCodes { code addOnType } addOnCodes { code addOnType }
  ptpEdits(first: 20) { column1 column2 modifierIndicator effectiveDate deletionDate }
  mue { value adjudicationIndicator } } }"""
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


async def over_http(
    server: subprocess.Popen[bytes], port: int, seconds: float, concurrency: int, headers: dict[str, str]
) -> tuple[list[float], float, float]:
    """Latencies, req/s, and the server's own CPU seconds per request over the measured run."""
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=10, headers=headers) as client:
        for _ in range(100):
            try:
                if (await client.get("/healthz")).status_code == 200:
                    break
            except httpx.TransportError:
                await asyncio.sleep(0.1)

        async def call(code: str) -> None:
            response = await client.post("/graphql", json={"query": QUERY, "variables": {"c": code}})
            assert response.status_code == 200 and "errors" not in response.json(), response.text

        await drive(call, 2, concurrency)  # warm-up
        cpu = cpu_seconds(server.pid)
        latencies, rate = await drive(call, seconds, concurrency)
        return latencies, rate, (cpu_seconds(server.pid) - cpu) / len(latencies)


async def raw_floor(seconds: float, concurrency: int) -> tuple[list[float], float]:
    settings = get_settings()
    g = graph()
    texts = {
        n: g.cypher.text(n) for n in ("get_codes", "get_primary_codes", "get_add_on_codes", "get_ptp_edits", "get_mues")
    }
    await g.close()
    auth = (settings.neo4j_user, settings.neo4j_password.get_secret_value())
    async with neo4j.AsyncGraphDatabase.driver(settings.neo4j_uri, auth=auth) as driver:
        db = settings.neo4j_database
        today = time.strftime("%Y-%m-%d")

        async def call(code: str) -> None:
            from datetime import date

            key = {"system": "CPT", "code": code, "asOf": date.fromisoformat(today)}
            ptp = {**key, "setting": "practitioner", "role": "any", "first": 20}
            await asyncio.gather(
                driver.execute_query(texts["get_codes"], keys=[key], database_=db, routing_="r"),
                driver.execute_query(texts["get_primary_codes"], keys=[key], database_=db, routing_="r"),
                driver.execute_query(texts["get_add_on_codes"], keys=[key], database_=db, routing_="r"),
                driver.execute_query(texts["get_ptp_edits"], keys=[ptp], database_=db, routing_="r"),
                driver.execute_query(
                    texts["get_mues"], keys=[{"system": "CPT", "code": code}], database_=db, routing_="r"
                ),
            )

        await drive(call, 2, concurrency)
        return await drive(call, seconds, concurrency)


def serve(port: int, metering: bool, cache: bool) -> subprocess.Popen[bytes]:
    env = {**os.environ, "METERING": "true" if metering else "false"}
    if not cache:
        env["READ_CACHE_ENTRIES"] = "0"
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
    args = parser.parse_args()
    if not args.skip_build:
        await build(args.ptp_rows)
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
    p50_raw = report("raw driver, same 5 statements (floor)", *floor)
    for (metering, cache), label in (((False, True), "metering off"), ((True, True), "metering on")):
        per_request = server_cpu[metering, cache]
        row(f"server CPU per request, {label}", per_request * 1000, "ms")
        row(f"req/s one worker could serve on a core, {label}", 1 / per_request, "req/s", "goal >= 1500")
    row("p50 ratio HTTP / floor", p50_off / p50_raw, "x", "goal <= 2.5")
    row("p50 ratio HTTP without read cache / floor", p50_cold / p50_raw, "x")
    row("meter adds (p50 on - off)", p50_on - p50_off, "ms", "goal <= 0.2")


if __name__ == "__main__":
    asyncio.run(main())
