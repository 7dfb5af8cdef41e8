"""The PTP load's fast path (ptp_chunks, add_edges) gives the rows and the errors the field-by-field parse gives."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from graph_api.ingest.batcher import Batcher
from graph_api.ingest.summary import LoadSummary
from loaders.errors import LoadError
from loaders.ptp import parse_ptp, ptp_chunks, ptp_row
from loaders.sink import CodeRef
from tests.data import FIXTURES, shared
from tests.unit.test_ptp_mue import PTP_EXCERPT

COMPACT = "create_ptp_edges_compact"
HEADER = (FIXTURES / "ptp_part1.txt").read_text(encoding="cp1252").splitlines(keepends=True)[:6]


def _table(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "ccipra-v999r0-f1.txt"
    path.write_text("".join(HEADER) + "".join(line + "\r\n" for line in lines), encoding="cp1252", newline="")
    return path


def unpack(columns: list[list[int]], params: dict[str, Any]) -> list[dict[str, Any]]:
    """A compact batch (three columns of places) as the full rows it stands for."""
    tails, ids = params["tails"], params["ids"]
    return [{**tails[k], "a": ids[a], "b": ids[b]} for a, b, k in zip(*columns, strict=True)]


def _edges(path: Path, size: int = 2_000) -> list[tuple[dict[str, Any], CodeRef, CodeRef]]:
    return [edge for chunk in ptp_chunks(path, "hospital", size) for edge in chunk]


@pytest.mark.parametrize(
    "path", [FIXTURES / "ptp_part1.txt", FIXTURES / "ptp_part2.txt", pytest.param(PTP_EXCERPT, id="excerpt")]
)
def test_chunks_carry_the_rows_of_the_field_by_field_parse(path: Path | str) -> None:
    if isinstance(path, str):
        path = shared(path)
    edits = list(parse_ptp(path))
    edges = _edges(path, size=7)
    assert [(row, a, b) for row, a, b in edges] == [
        (ptp_row(e, "hospital"), (a[0], e.column1), (b[0], e.column2))
        for e, (_, a, b) in zip(edits, edges, strict=True)
    ]
    assert {a[0] for _, a, _ in edges} <= {"CPT", "HCPCS"}


def test_a_bad_field_after_cached_ones_names_its_line(tmp_path: Path) -> None:
    good = "0001A\t36591\t\t20220101\t20231231\t0\tMutually exclusive procedures"
    cases = {
        "0001A\t36591\t\t20220101\t20231231\t7\tMutually exclusive procedures": ("Modifier", "7"),
        "0001A\t3659\t\t20220101\t20231231\t0\tMutually exclusive procedures": ("Column 2", "3659"),
        "0001A\t36591\t\t20221301\t20231231\t0\tMutually exclusive procedures": ("Effective Date", "20221301"),
        "0001A\t36591\t\t20220101\t2023-12-31\t0\tMutually exclusive procedures": ("Deletion Date", "2023-12-31"),
    }
    for bad, (field, got) in cases.items():
        path = _table(tmp_path, good, good, bad, good)
        for parse in (lambda p: list(parse_ptp(p)), _edges):
            with pytest.raises(LoadError) as caught:
                parse(path)
            assert (caught.value.line, caught.value.field, caught.value.got) == (9, field, got)
    short = _table(tmp_path, good, "0001A\t36591\t\t20220101")
    with pytest.raises(LoadError, match="line 8: expected 7 tab-separated fields"):
        _edges(short)


def test_padded_cells_and_trailing_blank_lines(tmp_path: Path) -> None:
    path = _table(
        tmp_path, " 0001A \t36591\t*\t19960101\t*\t1\tMisuse ", "0001A\t36591\t\t20220101\t*\t1\t", "", "\x1a"
    )
    edges = _edges(path)
    assert [(a, b) for _, a, b in edges] == [(("CPT", "0001A"), ("CPT", "36591"))] * 2
    assert (edges[0][0]["prior1996"], edges[0][0]["rationale"], edges[1][0]["rationale"]) == (True, "Misuse", "")


def test_an_empty_table_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(LoadError, match="at least one record"):
        _edges(_table(tmp_path))


def test_batcher_sends_full_batches_and_never_changes_a_shared_row() -> None:
    sent: list[tuple[str, list[Any], dict[str, Any]]] = []

    async def run(name: str, rows: list[Any], **params: Any) -> list[Any]:
        sent.append((name, rows, params))
        if name == "merge_code_ids":
            return [{"ids": [[r["system"], r["code"], f"id-{r['code']}"] for r in rows]}]
        return []

    shared_row: dict[str, Any] = {"setting": "practitioner"}
    other: dict[str, Any] = {"setting": "practitioner", "rationale": "Misuse"}
    edges = [(other if i % 4 == 3 else shared_row, ("CPT", f"{10000 + i}"), ("CPT", "99999")) for i in range(25)]
    summary = LoadSummary(source="ncci_ptp/practitioner", label="t")

    async def main() -> None:
        batcher = Batcher(run, 10, summary, None, writers=2)
        await batcher.add_edges(COMPACT, edges[:13])
        await batcher.add_edges(COMPACT, edges[13:])
        await batcher.flush()

    asyncio.run(main())
    batches = [(rows, params) for name, rows, params in sent if name == COMPACT]
    assert [len(b[0]) for b, _ in batches] == [10, 10, 5] and summary.counts[COMPACT] == 25
    # each batch sends its distinct row dicts and codes once, in order of first use, and three columns of places
    assert [p["tails"] for _, p in batches] == [[shared_row, other]] * 3
    assert [p["ids"] for _, p in batches] == [
        [*(f"id-{10000 + i}" for i in range(k, min(k + 10, 25))), "id-99999"] for k in (0, 10, 20)
    ]
    assert batches[0][0] == [list(range(10)), [10] * 10, [0, 0, 0, 1, 0, 0, 0, 1, 0, 0]]
    assert batches[2][0] == [[0, 1, 2, 3, 4], [5] * 5, [0, 0, 0, 1, 0]]
    assert [unpack(b, p) for b, p in batches] == [
        [{**row, "a": f"id-{a[1]}", "b": f"id-{b[1]}"} for row, a, b in edges[k : k + 10]] for k in (0, 10, 20)
    ]
    assert shared_row == {"setting": "practitioner"} and other == {"setting": "practitioner", "rationale": "Misuse"}
    merged = [r["code"] for name, rows, _ in sent if name == "merge_code_ids" for r in rows]
    assert sorted(merged) == sorted({*(f"{10000 + i}" for i in range(25)), "99999"})  # each code merged once


def test_staged_batcher_writes_at_most_writers_batches_at_once() -> None:
    writing, most = 0, 0

    async def run(name: str, rows: list[Any], **params: Any) -> list[Any]:
        nonlocal writing, most
        if name == "merge_code_ids":
            await asyncio.sleep(0.001)
            return [{"ids": [[r["system"], r["code"], f"id-{r['code']}"] for r in rows]}]
        writing += 1
        most = max(most, writing)
        await asyncio.sleep(0.01)
        writing -= 1
        return []

    edges = [({"setting": "hospital"}, ("CPT", f"{10000 + i % 50}"), ("CPT", f"{20000 + i}")) for i in range(200)]

    async def main() -> None:
        batcher = Batcher(run, 10, LoadSummary(source="ncci_ptp/hospital", label="t"), None, writers=2)
        for k in range(0, 200, 7):
            await batcher.add_edges(COMPACT, edges[k : k + 7])
        await batcher.flush()

    asyncio.run(main())
    assert most == 2


def test_a_statement_is_fed_by_add_or_by_add_edges_never_both() -> None:
    async def run(name: str, rows: list[Any], **params: Any) -> list[Any]:
        return [{"ids": [[r["system"], r["code"], "id"] for r in rows]}] if name == "merge_code_ids" else []

    async def main() -> None:
        batcher = Batcher(run, 10, LoadSummary(source="s", label="t"), None, writers=2)
        await batcher.add_edges(COMPACT, [({}, ("CPT", "10000"), ("CPT", "10001"))])
        with pytest.raises(ValueError, match="not both"):
            await batcher.add(COMPACT, {}, ("CPT", "10000"), ("CPT", "10001"))
        await batcher.add("create_ptp_edges", {}, ("CPT", "10000"), ("CPT", "10001"))
        with pytest.raises(ValueError, match="not both"):
            await batcher.add_edges("create_ptp_edges", [({}, ("CPT", "10000"), ("CPT", "10001"))])
        await batcher.flush()

    asyncio.run(main())
