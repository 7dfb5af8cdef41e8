"""Peak memory and time of `graph-api export` and `graph-api diff` over a generated PTP table, vs the raw driver.

    python -m bench.history_stream [--rows 1000000] [--dense 0]

Two practitioner PTP releases are loaded: a generated table of --rows edits, then the same table with every
100th edit's modifier indicator flipped, every 100th (offset 50) dropped and 1,000 new rows. --dense K adds to
both K adjacent column 1 codes of 3,000 edits each (real tables have such dense stretches; the generated one
spreads its rows evenly): what one page of source codes holds is then bounded only by the edges per page.
Each command runs in a process of its own with its output sent to /dev/null; its peak RSS is what the kernel
reports for it (wait4). The baseline is the same rows through the bare neo4j driver in a process of its own: one query,
records streamed and written as ndjson (no paging, no progress bar).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path

from bench.common import DATA, graph, reset, row
from bench.ptp_data import HEADER, generate
from graph_api.ingest.kinds import load

SCRIPT = Path(sys.executable).parent / "graph-api"
SOURCE = "ncci_ptp/practitioner"
DENSE_EDGES = 3000
BASELINE = """
import asyncio, json, sys
import neo4j
from graph_api.settings import get_settings

async def main() -> int:
    s = get_settings()
    auth = (s.neo4j_user, s.neo4j_password.get_secret_value())
    n = 0
    async with neo4j.AsyncGraphDatabase.driver(s.neo4j_uri, auth=auth) as driver:
        async with driver.session(database=s.neo4j_database) as session:
            result = await session.run(
                "MATCH (a:Code)-[r:PTP]->(b:Code) WHERE r.rid = $rid "
                "RETURN a.code AS a, b.code AS b, properties(r) AS p",
                rid=sys.argv[1])
            async for record in result:
                props = {k: str(v) for k, v in record["p"].items()}
                sys.stdout.write(json.dumps([record["a"], record["b"], props]) + "\\n")
                n += 1
    return n

print(asyncio.run(main()), file=sys.stderr)
"""


def _second(paths: list[Path], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    n = 0
    for path in paths:
        target = folder / path.name
        with path.open(newline="") as src, target.open("w", newline="") as dst:
            for line in src:
                cells = line.split("\t")
                if len(cells) == 7 and cells[0][:1].isalnum() and cells[3].isdigit():
                    n += 1
                    if n % 100 == 50:
                        continue
                    if n % 100 == 0:
                        cells[5] = "0" if cells[5] == "1" else "1"
                        line = "\t".join(cells)
                dst.write(line)
        out.append(target)
    with out[-1].open("a", newline="") as dst:
        for i in range(1000):
            dst.write(f"G{i:04d}\t99999\t\t20260101\t*\t1\tMutually exclusive procedures\r\n")
    return out


def measured(command: list[str]) -> tuple[float, float]:
    """(seconds, peak RSS in MiB) of one process, its output to /dev/null."""
    started = time.perf_counter()
    with open(os.devnull, "w") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, command
    return time.perf_counter() - started, usage.ru_maxrss / 1024


def _dense(codes: int, folder: Path) -> list[Path]:
    if not codes:
        return []
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "ccipra-v999r0-f9.txt"
    with path.open("w", newline="") as out:
        out.write(HEADER)
        for c in range(codes):
            for i in range(DENSE_EDGES):
                out.write(f"C{1000 + c:04d}\t{70000 + i:05d}\t\t20200101\t*\t1\tMutually exclusive procedures\r\n")
    return [path]


async def prepare(rows: int, dense: int) -> tuple[str, str]:
    extra = _dense(dense, DATA / "history-dense")
    first = generate(DATA / "history", rows)
    second = _second(first, DATA / "history-v2") + extra
    first = first + extra
    g = graph()
    try:
        await reset(g)
        a = (await load(g, "ptp", first, setting="practitioner"))[0]
        b = (await load(g, "ptp", second, setting="practitioner"))[0]
    finally:
        await g.close()
    return a.release_id, b.release_id


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--dense", type=int, default=0, help="adjacent column 1 codes of 3,000 edits each, added")
    args = parser.parse_args()
    old, new = asyncio.run(prepare(args.rows, args.dense))
    dense = f" (+ {args.dense} codes of {DENSE_EDGES:,} edits each)" if args.dense else ""
    print(f"history streams: {args.rows:,} PTP edges per release{dense}, two releases")
    seconds, rss = measured([sys.executable, "-c", BASELINE, new])
    row("raw driver: one query, ndjson (baseline)", seconds, "s", f"peak RSS {rss:,.0f} MiB")
    seconds, rss = measured([str(SCRIPT), "export", SOURCE, "--format", "ndjson"])
    row("graph-api export --format ndjson", seconds, "s", f"peak RSS {rss:,.0f} MiB")
    seconds, rss = measured([str(SCRIPT), "export", SOURCE, "--format", "csv"])
    row("graph-api export --format csv", seconds, "s", f"peak RSS {rss:,.0f} MiB")
    seconds, rss = measured([str(SCRIPT), "diff", SOURCE, old, new, "--format", "ndjson"])
    row("graph-api diff --format ndjson", seconds, "s", f"peak RSS {rss:,.0f} MiB")
    seconds, rss = measured([sys.executable, "-c", "import graph_api.ops.cli"])
    row("python importing the CLI (floor)", seconds, "s", f"peak RSS {rss:,.0f} MiB")


if __name__ == "__main__":
    main()
