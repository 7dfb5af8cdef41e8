"""A PTP load merges every code its table names before the edges: a load that fails later leaves none of them."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph_api.ingest.kinds import load
from graph_api.settings import Settings
from graph_api.store.graph import Graph
from loaders.errors import LoadError
from tests.data import FIXTURES
from tests.integration.support import graph_counts

HEADER = (FIXTURES / "ptp_part1.txt").read_text(encoding="cp1252").splitlines(keepends=True)[:6]
GOOD = "0001A\t36591\t\t20220101\t20231231\t0\tMutually exclusive procedures"


def _table(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "ccipra-v999r0-f1.txt"
    path.write_text("".join(HEADER) + "".join(line + "\r\n" for line in lines), encoding="cp1252", newline="")
    return path


async def test_a_bad_cell_after_the_first_pass_leaves_no_code_it_merged(
    empty_graph: Graph, settings: Settings, tmp_path: Path
) -> None:
    await load(empty_graph, "ptp", [FIXTURES / "ptp_part2.txt"])
    before = await graph_counts(empty_graph)
    # The first pass merges the codes of every line, the bad one's and those after it too. The rows reach the sink
    # 2,000 at a time; in batches of 500 with 2 writers, the fourth batch waits for the first, which waits for the
    # merge: it has committed (and batches with it) before line 2,107 is read.
    later = [f"{20000 + i}\t{30000 + i}\t\t20220101\t*\t1\tMisuse" for i in range(40)]
    path = _table(tmp_path, *[GOOD] * 2_100, "0001A\t99211\t\t20220101\t*\t7\tMisuse", *later)
    small = Graph(settings.model_copy(update={"load_batch_size": 500}), empty_graph.cypher)
    try:
        with pytest.raises(LoadError, match=r"line 2107: field 'Modifier'"):
            await load(small, "ptp", [path])
    finally:
        await small.close()
    assert await graph_counts(empty_graph) == before
    assert await empty_graph.read("get_unfinished_releases", source="ncci_ptp/practitioner") == []


async def test_the_load_creates_exactly_the_codes_its_edges_name(empty_graph: Graph, tmp_path: Path) -> None:
    lines = [f"{20000 + i % 7}\t{30000 + i}\t\t20220101\t*\t1\tMisuse" for i in range(30)]
    path = _table(tmp_path, *lines, "", "\x1a")
    (summary,) = await load(empty_graph, "ptp", [path])
    assert summary.rows == 30
    # 7 column-1 codes, 30 column-2 codes, the release node; one edge a line
    assert await graph_counts(empty_graph) == (7 + 30 + 1, 30)
