"""Soak: a constant request rate (open model) against `graph-api serve --workers 2`, bounded in time.

    python -m bench.soak [--minutes 10] [--rate 200] [--workers 2]

Requests start on a fixed schedule whether or not earlier ones have answered (latency counts from the scheduled
start, so a stall shows instead of slowing the load down). A mixed workload: code pages as a premium user
(metered, never refused), add-on links, a search, the viewer. Per minute: requests, errors, p50/p99 and the
server's resident memory (the uvicorn supervisor and its workers), after --warmup-s at the same rate reported apart
(a cold server plans its statements and warms Neo4j's JIT then). Loopback only; at most --max-in-flight
requests outstanding (beyond that a request counts as an error instead of piling up).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

from bench.common import sample_only, wait_ready
from bench.load_client import LoadClient
from graph_api.access.identity import issue_token
from graph_api.ops.isolated import free_port
from graph_api.settings import get_settings

CPT = ["97550", "97551", "97552", "99291", "99292", "22612", "22614", "11042"]
QUERIES = [
    ("page", "query($c: String!) { code(system: CPT, code: $c) { code plainDescription longDescription } }"),
    ("addons", "query($c: String!) { code(system: CPT, code: $c) { code primaryCodes { code } addOnCodes { code } } }"),
    ("search", '{ searchCodes(text: "caregiver training") { totalCount edges { node { code } } } }'),
    ("viewer", "{ viewer { tier limit used } }"),
]


def _tree_rss_mb(root: int) -> float:
    """Resident memory of a process and its children (from /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            status = (entry / "status").read_text()
        except OSError:
            continue
        pid = int(entry.name)
        children.setdefault(int(fields[1]), []).append(pid)
        rss[pid] = next((int(ln.split()[1]) for ln in status.splitlines() if ln.startswith("VmRSS:")), 0)
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total / 1024


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--rate", type=float, default=200, help="requests per second")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--max-in-flight", type=int, default=1000)
    parser.add_argument(
        "--warmup-s", type=float, default=30, help="seconds at the same rate first, reported apart (cold plans, JIT)"
    )
    args = parser.parse_args()
    settings = get_settings()
    await sample_only()
    port = free_port()
    log = Path(os.environ.get("STACK_DIR", ".")) / f"soak-serve-{port}.log"
    with log.open("wb") as out:
        server = subprocess.Popen(  # noqa: ASYNC220 - set-up, before any request
            [sys.executable, "-m", "graph_api.ops.cli", "serve", "--port", str(port), "--workers", str(args.workers)],
            stdout=out,
            stderr=subprocess.STDOUT,
            # One premium identity sends every request: fair use per minute is raised so the soak measures the
            # server, not the limiter (which would refuse all but 300 a minute with 429).
            env={**os.environ, "REQUESTS_PER_MINUTE": str(int(args.rate * 120)), "COST_PER_MINUTE": str(10**9)},
        )
    token = issue_token(settings, "soak", "premium")
    lean = LoadClient(port, connections=200, headers={"authorization": f"Bearer {token}"})
    try:
        async with httpx.AsyncClient(timeout=30) as client:
            await wait_ready(client, port)
        if args.warmup_s > 0:
            warm = argparse.Namespace(**{**vars(args), "minutes": args.warmup_s / 60})
            await run(lean, warm, server.pid, "warm-up, not counted: ")
        await run(lean, args, server.pid)
    finally:
        await lean.close()
        server.terminate()
        server.wait(timeout=60)


async def run(client: LoadClient, args: argparse.Namespace, server_pid: int, title: str = "") -> None:
    total = int(args.minutes * 60 * args.rate)
    minutes: dict[int, list[float]] = {}
    errors: dict[int, int] = {}
    in_flight = 0
    started = time.perf_counter()
    mix = itertools.cycle(QUERIES)
    codes = itertools.cycle(CPT)
    tasks: set[asyncio.Task[None]] = set()
    rate, workers = f"{args.rate:.0f} req/s for {args.minutes:g} min", f"{args.workers} workers (pid {server_pid})"
    print(f"{title}soak: {rate} against {workers}")
    print(f"  {'minute':>6} {'requests':>9} {'errors':>7} {'p50 ms':>8} {'p99 ms':>8} {'server RSS MB':>14}")
    reported = 0

    async def one(scheduled: float, name: str, query: str, code: str) -> None:
        nonlocal in_flight
        minute = int((scheduled - started) // 60)
        try:
            status, body = await client.post_json("/graphql", {"query": query, "variables": {"c": code}})
            ok = status == 200 and b'"errors"' not in body
        except (OSError, TimeoutError, ValueError):
            ok = False
        finally:
            in_flight -= 1
        minutes.setdefault(minute, []).append((time.perf_counter() - scheduled) * 1000)
        if not ok:
            errors[minute] = errors.get(minute, 0) + 1

    def report(minute: int) -> None:
        latencies = sorted(minutes.get(minute, []))
        if not latencies:
            return
        p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
        print(
            f"  {minute + 1:>6} {len(latencies):>9} {errors.get(minute, 0):>7} {statistics.median(latencies):>8.1f} "
            f"{p99:>8.1f} {_tree_rss_mb(server_pid):>14.1f}",
            flush=True,
        )

    for i in range(total):
        scheduled = started + i / args.rate
        delay = scheduled - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        minute = int((scheduled - started) // 60)
        while reported < minute - 1:  # a minute later its requests have answered (timeout 30 s)
            report(reported)
            reported += 1
        if in_flight >= args.max_in_flight:
            errors[minute] = errors.get(minute, 0) + 1
            continue
        name, query = next(mix)
        in_flight += 1
        task = asyncio.create_task(one(scheduled, name, query, next(codes)))
        tasks.add(task)
        task.add_done_callback(tasks.discard)
    await asyncio.gather(*tasks)
    while reported in minutes:
        report(reported)
        reported += 1
    every = sorted(x for v in minutes.values() for x in v)
    p99 = every[min(len(every) - 1, int(len(every) * 0.99))]
    elapsed = time.perf_counter() - started
    print(
        f"  all: {len(every)} requests in {elapsed:.0f} s ({len(every) / elapsed:.0f}/s), "
        f"{sum(errors.values())} errors, p99 {p99:.1f} ms"
    )


if __name__ == "__main__":
    asyncio.run(main())
