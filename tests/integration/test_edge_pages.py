"""Edge exports and diffs page by edges, not codes: a dense code makes a short page, and what a page holds is
bounded by MAX_EDGES past its first code, with every edge still answered once, in order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from graph_api.ingest.kinds import load
from graph_api.ops.exports import export_rows
from graph_api.store import edge_diff
from graph_api.store.edge_diff import edge_changes, edge_pages
from graph_api.store.graph import Graph
from tests.data import FIXTURES

SOURCE = "ncci_ptp/practitioner"
HEADER = (FIXTURES / "ptp_part1.txt").read_text().splitlines(keepends=True)[:6]
# Column 1 codes and how many column 2 codes each has: dense codes among sparse ones.
DENSITY = {"10021": 2, "11042": 40, "11043": 1, "11045": 3, "20100": 25, "22600": 1, "22610": 2, "97550": 12}


def _table(path: Path, skip: int | None = None, flip: int | None = None) -> Path:
    lines = list(HEADER)
    n = 0
    for column1, count in DENSITY.items():
        for i in range(count):
            n += 1
            indicator = "0" if n == flip else "1"
            if n != skip:
                lines.append(
                    f"{column1}\t{30000 + i:05d}\t\t20200101\t*\t{indicator}\tMutually exclusive procedures\r\n"
                )
    path.write_text("".join(lines))
    return path


async def _pages(graph: Graph, rid: str, other: str) -> list[list[tuple[str, int]]]:
    found = []
    async for rows in edge_pages(graph, rid, other, ["PTP"]):
        found.append([(row["code"], len(row["edges"])) for row in rows])
    return found


async def test_pages_are_bounded_by_edges_and_miss_nothing(
    empty_graph: Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = (await load(empty_graph, "ptp", [_table(tmp_path / "v1.txt")]))[0].release_id
    new = (await load(empty_graph, "ptp", [_table(tmp_path / "v2.txt", skip=5, flip=50)]))[0].release_id
    whole: list[dict[str, Any]] = [r async for r in export_rows(empty_graph, SOURCE, None)]
    changes = [c async for c in edge_changes(empty_graph, old, new, ["PTP"])]
    assert [(c.from_code, c.change) for c in changes] == [("11042", "REMOVED"), ("20100", "CHANGED")]
    assert [p for page in await _pages(empty_graph, new, new) for p in page] == [
        (code, count - (code == "11042")) for code, count in DENSITY.items()
    ]

    monkeypatch.setattr(edge_diff, "MAX_EDGES", 15)
    pages = await _pages(empty_graph, new, new)
    assert [p for page in pages for p in page] == [(c, n - (c == "11042")) for c, n in DENSITY.items()]
    for page in pages:
        # past its first code (always whole), a page holds at most MAX_EDGES edges
        assert len(page) == 1 or sum(n for _, n in page) <= 15, pages
    assert len(pages) > 2 and max(map(len, pages)) > 1
    assert [r async for r in export_rows(empty_graph, SOURCE, None)] == whole
    assert [c async for c in edge_changes(empty_graph, old, new, ["PTP"])] == changes
    # a cursor inside the stream goes on from there
    rest = [c async for c in edge_changes(empty_graph, old, new, ["PTP"], after=("11042", "CPT", ""))]
    assert rest == changes
