"""PTP load throughput: `graph-api load ptp` end to end vs a raw-driver UNWIND of the same rows, same run.

    python -m bench.ptp_load [--rows 3000000]

The baseline (the floor) is the plain UNWIND a driver user writes for these rows: the same rows as full dicts
through create_ptp_edges, with the loader's batch size and number of concurrent writers, through the bare neo4j
driver, rows built and codes merged before the clock starts. The loader sends the same edges compactly
(create_ptp_edges_compact: each code and each set of fields once per batch); its figure includes reading and
validating the files, merging the codes, staging and the release switch.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from collections import defaultdict

import neo4j

from bench.common import DATA, graph, peak_rss_mb, reset, row, settle
from bench.ptp_data import generate
from graph_api.ingest.kinds import load
from graph_api.ingest.release import _release_id
from loaders.code_forms import procedure_ref
from loaders.ptp import parse_ptp, ptp_row

STATEMENT_SECONDS: defaultdict[str, float] = defaultdict(float)  # of the last loader run: seconds by statement
FLOOR_MERGES: list[tuple[float, int]] = []  # seconds and codes of each floor's merge, done before its clock starts


def _add_seconds(name: str, seconds: float) -> None:
    STATEMENT_SECONDS[name] += seconds


async def loader_run(paths: list, rows: int) -> float:  # type: ignore[type-arg]
    g = graph()
    try:
        await reset(g)
        await settle()
        STATEMENT_SECONDS.clear()
        g.observers.append(_add_seconds)
        started, cpu = time.perf_counter(), time.process_time()
        summaries = await load(g, "ptp", paths, setting="practitioner")
        elapsed = time.perf_counter() - started
        STATEMENT_SECONDS["(CPU time of this Python process)"] = time.process_time() - cpu
        assert summaries[0].rows == rows, summaries[0]
    finally:
        await g.close()
    STATEMENT_SECONDS["(wall time of the load)"] = elapsed
    return rows / elapsed


async def baseline_run(paths: list, rows: int) -> float:  # type: ignore[type-arg]
    g = graph()
    settings = g.settings
    try:
        await reset(g)
        text = g.cypher.text("create_ptp_edges")
        merge = g.cypher.text("merge_code_ids")
    finally:
        await g.close()
    built = []
    codes: set[tuple[str, str]] = set()
    for path in paths:
        for edit in parse_ptp(path):
            a, b = procedure_ref(edit.column1), procedure_ref(edit.column2)
            codes.update((a, b))
            built.append((ptp_row(edit, "practitioner"), a, b))
    await settle()  # as before the loader's run
    # the id the loader's release gets, so every edge stores and indexes a rid of the same length
    rid = _release_id("ncci_ptp/practitioner", "+".join(p.stem for p in paths))
    auth = (settings.neo4j_user, settings.neo4j_password.get_secret_value())
    async with neo4j.AsyncGraphDatabase.driver(settings.neo4j_uri, auth=auth) as driver:
        db = settings.neo4j_database
        merging = time.perf_counter()
        result = await driver.execute_query(
            merge, rows=[{"system": s, "code": c, "display": c} for s, c in codes], rid=rid, database_=db
        )
        FLOOR_MERGES.append((time.perf_counter() - merging, len(codes)))
        ids = {(s, c): i for s, c, i in result.records[0]["ids"]}
        payload = []
        for values, a, b in built:
            values["a"], values["b"] = ids[a], ids[b]
            payload.append(values)
        del built
        size, writers = settings.load_batch_size, settings.load_writers
        batches = [payload[i : i + size] for i in range(0, len(payload), size)]

        async def worker(k: int) -> None:
            for batch in batches[k::writers]:
                await driver.execute_query(text, rows=batch, rid=rid, database_=db)

        started = time.perf_counter()
        await asyncio.gather(*(worker(k) for k in range(writers)))
        elapsed = time.perf_counter() - started
    return rows / elapsed


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=3_000_000)
    parser.add_argument("--repeat", type=int, default=3, help="alternate runs; the best of each after the first")
    parser.add_argument("--phases", action="store_true", help="where the last loader run spent its time")
    args = parser.parse_args()
    paths = generate(DATA / "ptp", args.rows)
    print(f"PTP load, {args.rows:,} rows in {len(paths)} part files (practitioner, official shape)", flush=True)
    rss_before = peak_rss_mb()
    loader = await loader_run(paths, args.rows)
    rss_loader = peak_rss_mb()
    baseline = await baseline_run(paths, args.rows)
    print(f"  run 1: loader {loader:,.0f}, floor {baseline:,.0f} edges/s (warms Neo4j's JIT)", flush=True)
    loaders, baselines = [], []
    for k in range(args.repeat - 1):  # alternate so both see the same machine; the first pair only warms up
        loaders.append(await loader_run(paths, args.rows))
        baselines.append(await baseline_run(paths, args.rows))
        print(f"  run {k + 2}: loader {loaders[-1]:,.0f}, floor {baselines[-1]:,.0f} edges/s", flush=True)
    if loaders:
        loader, baseline = max(loaders), max(baselines)
    row("graph-api load ptp (end to end)", loader, "edges/s")
    row("raw driver UNWIND of the same rows (floor)", baseline, "edges/s")
    row("ratio loader / floor", loader / baseline, "x", "goal >= 0.9 (best of each)")
    if loaders:  # each pair ran back to back: on a shared machine its ratio is the steadier figure
        pairs = sorted(lo / b for lo, b in zip(loaders, baselines, strict=True))
        row("ratio loader / floor, median of pairs", statistics.median(pairs), "x",
            "pairs: " + ", ".join(f"{r:.2f}" for r in pairs))  # fmt: skip
    row("loader peak RSS growth", rss_loader - rss_before, "MiB", "streaming: bounded by batch size")
    row("floor's code merge, before its clock (median)", statistics.median(s for s, _ in FLOOR_MERGES), "s",
        f"{FLOOR_MERGES[-1][1]:,} codes, one transaction; the loader's clock has its merges")  # fmt: skip
    if loaders:  # not the goal's figure: the same pairs with the floor's own merge added to its time
        merges = [s for s, _ in FLOOR_MERGES[1:]]
        merged = sorted(
            (args.rows / b + m) / (args.rows / lo) for lo, b, m in zip(loaders, baselines, merges, strict=True)
        )
        row("ratio, floor's merge on its clock (median)", statistics.median(merged), "x",
            "pairs: " + ", ".join(f"{r:.2f}" for r in merged) + " (context, not the goal)")  # fmt: skip
    if args.phases:
        print("  last loader run, seconds per statement (summed over batches; writers overlap):")
        for name, seconds in sorted(STATEMENT_SECONDS.items(), key=lambda item: -item[1]):
            print(f"    {name:<42} {seconds:8.2f}")


if __name__ == "__main__":
    asyncio.run(main())
