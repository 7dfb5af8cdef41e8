"""The offline bulk path vs the online load, same data, same run: is `neo4j-admin database import` worth a command?

    python -m bench.bulk_import [--rows 1000000]

Data: practitioner and hospital PTP tables in CMS's official shape (bench.ptp_data), half the rows each: the
graph's bulk (millions of edges) and the codes they name. Online: `load ptp` of both tables into the stack's
empty graph (staged, switched). Offline, each step on the clock:
  1. the same parse and checks (loaders.ptp.ptp_chunks), written as the importer's CSV (codes, two releases,
     PTP edges);
  2. `neo4j-admin database import full` (Neo4j 5.26 Community, the jars the stack fetched from Maven) into a
     new, empty database directory;
  3. starting Neo4j on it and building the graph model (constraints and indexes: the importer builds none in
     Community), until every index is online.
The offline path needs Neo4j stopped (or a second store) and writes a whole database: see docs/loads.md.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import os
import shutil
import socket
import subprocess
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.common import DATA, graph, reset, row
from bench.ptp_data import generate
from bench.ptp_full import TABLES
from graph_api.ingest.kinds import load
from graph_api.ops import stack
from graph_api.settings import Settings, get_settings
from graph_api.store.graph import Graph
from graph_api.store.indexes import ensure_graph_model
from loaders.code_forms import display_form
from loaders.ptp import ptp_chunks

EDGE_FIELDS = (
    ("setting", ""),
    ("prior1996", ":boolean"),
    ("effectiveDate", ":date"),
    ("deletionDate", ":date"),
    ("validFrom", ":date"),
    ("validTo", ":date"),
    ("modifierIndicator", ":int"),
    ("rationale", ""),
)


def tables(rows: int) -> list[tuple[str, list[Path]]]:
    folder = DATA / ("ptp-full" if rows == 4_000_000 else f"bulk-{rows}")
    return [
        (setting, generate(folder / setting, rows // 2, seed=seed, prefix=prefix)) for setting, prefix, seed in TABLES
    ]


async def online(data: list[tuple[str, list[Path]]]) -> float:
    g = graph()
    try:
        await reset(g)
        started = time.perf_counter()
        for setting, paths in data:
            await load(g, "ptp", paths, setting=setting)
        return time.perf_counter() - started
    finally:
        await g.close()


def write_csv(data: list[tuple[str, list[Path]]], folder: Path) -> tuple[list[str], int]:
    """The importer's input: code nodes, release nodes, PTP edges (one file per table); the import arguments."""
    codes: set[tuple[str, str]] = set()
    arguments, edges = [], 0
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    releases = folder / "releases.csv"
    with releases.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["id:ID(Release)", "source", "label", "status", "current:boolean", "rows:long"])
        for setting, paths in data:
            rid = f"ncci_ptp/{setting}/bulk/{stamp}"
            edge_file = folder / f"ptp-{setting}.csv"
            with edge_file.open("w", newline="") as edge_handle:
                edge_out = csv.writer(edge_handle)
                edge_out.writerow([":START_ID(Code)", ":END_ID(Code)", "rid", *(f"{k}{t}" for k, t in EDGE_FIELDS)])
                written = 0
                for path in paths:
                    for chunk in ptp_chunks(path, setting):
                        for values, a, b in chunk:
                            codes.add(a)
                            codes.add(b)
                            edge_out.writerow(
                                [f"{a[0]}:{a[1]}", f"{b[0]}:{b[1]}", rid, *(values[k] for k, _ in EDGE_FIELDS)]
                            )
                        written += len(chunk)
            out.writerow([rid, f"ncci_ptp/{setting}", "bulk", "current", "true", written])
            arguments.append(f"--relationships=PTP={edge_file}")
            edges += written
    nodes = folder / "codes.csv"
    with nodes.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["key:ID(Code)", "system", "code", "display"])
        out.writerows([f"{s}:{c}", s, c, display_form(s, c)] for s, c in sorted(codes))
    return [f"--nodes=Code={nodes}", f"--nodes=Release={releases}", *arguments], edges


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def offline_settings(base: Settings, root: Path) -> Settings:
    """A second Neo4j of this run's own (its own store and port), on the jars the stack already fetched."""
    dist = base.neo4j_dist_dir or base.stack_dir / "neo4j"
    return base.model_copy(
        update={
            "stack_dir": root,
            "neo4j_dist_dir": dist,
            "neo4j_uri": f"bolt://127.0.0.1:{free_port()}",
            "neo4j_query_timeout_s": 3600.0,  # populating the indexes over millions of imported edges
        }
    )


def neo4j_admin(settings: Settings, arguments: list[str]) -> None:
    paths = stack.Paths.of(settings)
    paths.home.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "NEO4J_HOME": str(paths.home), "NEO4J_CONF": str(paths.home / "conf")}
    (paths.home / "conf").mkdir(exist_ok=True)
    subprocess.run(
        [
            shutil.which("java") or "java",
            "-Xmx1g",
            "-cp",
            f"{paths.classes}{os.pathsep}{paths.lib}/*",
            "org.neo4j.cli.AdminTool",
            "database",
            "import",
            "full",
            "neo4j",  # first: --relationships takes every file that follows it
            "--threads=2",
            "--max-off-heap-memory=1g",
            "--overwrite-destination=true",
            f"--report-file={paths.root / 'import.report'}",  # else it lands in the working directory
            *arguments,
        ],
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
        timeout=1800,
    )


async def count_edges(settings: Settings) -> int:
    g = Graph(settings)
    try:
        return int((await g.read("get_graph_counts"))[0]["relationships"])
    finally:
        await g.close()


async def offline(data: list[tuple[str, list[Path]]], root: Path) -> tuple[float, float, float, int]:
    settings = offline_settings(get_settings(), root)
    started = time.perf_counter()
    arguments, _ = write_csv(data, root)
    written = time.perf_counter()
    neo4j_admin(settings, arguments)
    imported = time.perf_counter()
    stack.up(settings, lambda _: None)
    try:
        g = Graph(settings)
        try:
            await ensure_graph_model(g)
        finally:
            await g.close()
        ready = time.perf_counter()
        edges = await count_edges(settings)
    finally:
        stack.down(settings, lambda _: None)
    return written - started, imported - written, ready - imported, edges


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000, help="both tables together, half each")
    args = parser.parse_args()
    data = tables(args.rows)
    print(f"First load of {args.rows:,} PTP rows (practitioner and hospital tables) into an empty graph", flush=True)
    online_s = await online(data)
    row("online: graph-api load ptp, both tables", online_s, "s", f"{args.rows / online_s:,.0f} edges/s")
    with tempfile.TemporaryDirectory(prefix="bulk-", dir=DATA) as tmp:
        csv_s, import_s, index_s, edges = await offline(data, Path(tmp))
    assert edges == args.rows, edges
    offline_s = csv_s + import_s + index_s
    row("offline: parse and write the importer's CSV", csv_s, "s")
    row("offline: neo4j-admin database import full", import_s, "s")
    row("offline: start Neo4j, build constraints/indexes", index_s, "s")
    row("offline: total", offline_s, "s", f"{args.rows / offline_s:,.0f} edges/s")
    row("speed-up offline / online", online_s / offline_s, "x", "a `db build` command only if >= 3")


if __name__ == "__main__":
    asyncio.run(main())
