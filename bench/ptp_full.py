"""The full-size PTP load: practitioner and hospital tables in CMS's official shape, 4 million rows together.

    python -m bench.ptp_full [--rows 4000000] [--budget-s 900] [--floor-rows 300000]

Each table (half the rows, 4 part files) goes through `graph-api load ptp --setting ...` as a child process,
as an operator runs it, onto an empty graph. Printed: wall time and edges/s per table and together, the
loader's peak RSS (the child's) and Neo4j's (the server process's high-water mark since it started), next to a
same-run raw-driver floor over bench.ptp_load's 300,000 rows (its baseline: the plain UNWIND of full rows, the
loader's batch size and writers). The whole run is bounded by --budget-s: a load still running then
is stopped and reported as such.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from bench.common import DATA, graph, reset, row
from bench.ptp_data import generate
from bench.ptp_load import baseline_run
from graph_api.settings import get_settings

TABLES = (("practitioner", "ccipra", 2026), ("hospital", "ccioph", 2027))


def neo4j_peak_rss_mb() -> float | None:
    """VmHWM of the stack's Neo4j process; None when this run did not start it (no pid file)."""
    pid_file = get_settings().stack_dir / "neo4j" / "neo4j.pid"
    try:
        status = Path(f"/proc/{int(pid_file.read_text().strip())}/status").read_text()
    except (OSError, ValueError):
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None


def load_table(setting: str, paths: list[Path], budget_s: float) -> float | None:
    """Seconds `graph-api load ptp` took for one table; None when it ran out of the budget."""
    cli = Path(sys.executable).with_name("graph-api")
    started = time.perf_counter()
    try:
        subprocess.run(
            [str(cli), "load", "ptp", "--setting", setting, *map(str, paths)],
            check=True,
            timeout=budget_s,
            stdout=subprocess.DEVNULL,
            env={**os.environ, "LOG_LEVEL": "WARNING"},
        )
    except subprocess.TimeoutExpired:
        return None
    return time.perf_counter() - started


async def empty_graph() -> None:
    g = graph()
    try:
        await reset(g)
    finally:
        await g.close()


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=4_000_000, help="both tables together, half each")
    parser.add_argument("--budget-s", type=float, default=900.0, help="stop the loads after this long")
    parser.add_argument("--floor-rows", type=int, default=300_000, help="rows of the raw-driver floor (0: none)")
    args = parser.parse_args()
    half = args.rows // 2
    tables = [
        (setting, generate(DATA / "ptp-full" / setting, half, seed=seed, prefix=prefix))
        for setting, prefix, seed in TABLES
    ]
    floor = None
    if args.floor_rows:
        floor_paths = generate(DATA / "ptp", args.floor_rows)
        floor = await baseline_run(floor_paths, args.floor_rows)
    await empty_graph()
    print(f"Full-size PTP load: {args.rows:,} rows, practitioner and hospital tables, 4 part files each")
    total, deadline = 0.0, time.monotonic() + args.budget_s
    for setting, paths in tables:
        took = load_table(setting, paths, max(1.0, deadline - time.monotonic()))
        if took is None:
            print(f"  {setting}: not finished within the {args.budget_s:.0f} s budget")
            return
        total += took
        row(f"graph-api load ptp --setting {setting}", took, "s", f"{half / took:,.0f} edges/s")
    row("both tables, wall time", total, "s", f"{args.rows / total:,.0f} edges/s")
    if floor is not None:
        row(
            "raw driver UNWIND floor (bench.ptp_load)",
            floor,
            "edges/s",
            f"{args.floor_rows:,} rows, run first: cold JIT",
        )
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    row("loader peak RSS (graph-api load, child)", children, "MiB")
    neo4j = neo4j_peak_rss_mb()
    if neo4j is not None:
        settings = get_settings()
        row("Neo4j peak RSS (process high-water mark)", neo4j, "MiB",
            f"heap {settings.neo4j_heap_mb} MiB, page cache {settings.neo4j_pagecache_mb} MiB")  # fmt: skip


if __name__ == "__main__":
    asyncio.run(main())
