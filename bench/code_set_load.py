"""Code-set load throughput: `graph-api load` end to end vs a raw-driver UNWIND of the same rows, same run.

    python -m bench.code_set_load [--repeat 2]

Loads the full ICD-10-PCS codes file (../shared/data, ~79k codes) and the full ICD-10-CM tabular XML
(simple-icd-10-cm 1.3.0, ~98k chapters, blocks, categories and codes with ~11k notes). The loader run
records every batch it sends; the baseline replays those same statements and rows through the bare
driver in one transaction into an emptied graph, with nothing to parse, so it is the floor for these
statements on this machine. The loader's figure includes reading and parsing the file, the release
bookkeeping, closing codes a previous release named, and the switch.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import neo4j

from bench.common import SHARED_DATA, graph, peak_rss_mb, reset, row
from graph_api.ingest.kinds import load
from graph_api.settings import get_settings
from graph_api.store.graph import Graph, Transaction
from graph_api.store.statements import CypherLibrary

PCS = SHARED_DATA / "icd10pcs" / "icd10pcs_codes_2025.txt"


def tabular() -> Path | None:
    spec = importlib.util.find_spec("simple_icd_10_cm")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "data" / "icd10cm-tabular-April-2025.xml"


class RecordingGraph(Graph):
    """Sends every statement as usual and keeps the batched ones (those with rows) for the baseline."""

    def __init__(self) -> None:
        settings = get_settings()
        super().__init__(settings, CypherLibrary())
        self.batches: list[tuple[str, list[dict[str, Any]]]] = []

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        async with super().transaction() as tx:
            batches, send = self.batches, tx.run

            async def run(name: str, **params: Any) -> list[neo4j.Record]:
                if isinstance(params.get("rows"), list):
                    batches.append((name, params["rows"]))
                return await send(name, **params)

            tx.run = run  # type: ignore[method-assign]
            yield tx


async def loader_run(kind: str, path: Path) -> tuple[float, int, list[tuple[str, list[dict[str, Any]]]]]:
    g = RecordingGraph()
    try:
        await reset(g)
        started = time.perf_counter()
        [summary] = await load(g, kind, [path])
        elapsed = time.perf_counter() - started
    finally:
        await g.close()
    return summary.rows / elapsed, summary.rows, g.batches


async def baseline_run(batches: list[tuple[str, list[dict[str, Any]]]], rows: int) -> float:
    g = graph()
    settings = g.settings
    try:
        await reset(g)
        texts = {name: g.cypher.text(name) for name, _ in batches}
    finally:
        await g.close()
    auth = (settings.neo4j_user, settings.neo4j_password.get_secret_value())
    driver = neo4j.AsyncGraphDatabase.driver(settings.neo4j_uri, auth=auth)
    async with driver, driver.session(database=settings.neo4j_database) as session:
        started = time.perf_counter()
        tx = await session.begin_transaction()
        for name, batch in batches:
            await (await tx.run(texts[name], rows=batch, rid="raw")).consume()
        await tx.commit()
        elapsed = time.perf_counter() - started
    return rows / elapsed


async def measure(label: str, kind: str, path: Path, repeat: int) -> None:
    loader, rows, batches = await loader_run(kind, path)
    peak = peak_rss_mb()  # the whole process so far, the recorded batches included
    baseline = await baseline_run(batches, rows)
    for _ in range(repeat - 1):  # alternate, so both see a warm Neo4j; the best of each is reported
        loader = max(loader, (await loader_run(kind, path))[0])
        baseline = max(baseline, await baseline_run(batches, rows))
    print(f"{label}: {rows:,} rows, {sum(len(b) for _, b in batches):,} statement rows in {len(batches)} batches")
    row("graph-api load (end to end)", loader, "codes/s")
    row("raw driver UNWIND, same statements (floor)", baseline, "codes/s")
    row("ratio loader / floor", loader / baseline, "x", "goal >= 0.8")
    row("bench process peak RSS", peak, "MiB", "holds the recorded rows for the floor")


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()
    if PCS.exists():
        await measure("ICD-10-PCS codes file FY2025", "icd10pcs", PCS, args.repeat)
    else:
        print(f"skipped ICD-10-PCS: {PCS} is absent (../shared/data)")
    xml = tabular()
    if xml and xml.exists():
        await measure("ICD-10-CM tabular XML April 2025", "icd10cm", xml, args.repeat)
    else:
        print("skipped ICD-10-CM tabular: install the dev extra (simple-icd-10-cm 1.3.0 ships the XML)")


if __name__ == "__main__":
    asyncio.run(main())
