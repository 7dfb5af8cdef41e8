"""The PTP load names its codes first (ptp_codes, add_codes): exactly the codes its edges name, each merged once."""

from __future__ import annotations

import asyncio
import zipfile
from pathlib import Path
from typing import Any

import pytest

from graph_api.ingest.batcher import Batcher
from graph_api.ingest.summary import LoadSummary
from loaders.ptp import ptp_chunks, ptp_codes
from tests.data import FIXTURES, shared
from tests.unit.test_ptp_fast_path import COMPACT, _table, unpack
from tests.unit.test_ptp_mue import PTP_EXCERPT


@pytest.mark.parametrize(
    "path", [FIXTURES / "ptp_part1.txt", FIXTURES / "ptp_part2.txt", pytest.param(PTP_EXCERPT, id="excerpt")]
)
def test_first_pass_names_the_codes_of_the_edges_in_order_of_first_appearance(path: Path | str) -> None:
    if isinstance(path, str):
        path = shared(path)
    named = [code for chunk in ptp_codes(path, 3) for code in chunk]
    in_order: dict[Any, None] = {}
    for chunk in ptp_chunks(path, "practitioner"):
        for _, a, b in chunk:
            in_order[a] = in_order[b] = None
    assert named == list(in_order)
    assert all(len(chunk) <= 3 + 1 for chunk in ptp_codes(path, 3))  # a line adds at most two codes


def test_first_pass_reads_every_part_of_a_zip(tmp_path: Path) -> None:
    archive = tmp_path / "ptp.zip"
    with zipfile.ZipFile(archive, "w") as z:
        for name in ("ptp_part1.txt", "ptp_part2.txt"):
            z.write(FIXTURES / name, name)
    expected = {c for name in ("ptp_part1.txt", "ptp_part2.txt") for chunk in ptp_codes(FIXTURES / name) for c in chunk}
    assert {c for chunk in ptp_codes(archive) for c in chunk} == expected


def test_first_pass_skips_padding_and_bad_cells_and_leaves_errors_to_the_second(tmp_path: Path) -> None:
    path = _table(
        tmp_path,
        " 0001A \t36591\t*\t19960101\t*\t1\tMisuse ",
        "0001A\t3659\t\t20220101\t*\t1\t",  # a bad Column 2: the second pass names line 8
        "",
        "\x1a",
    )
    assert [c for chunk in ptp_codes(path) for c in chunk] == [("CPT", "0001A"), ("CPT", "36591")]
    undecodable = tmp_path / "bad.txt"
    undecodable.write_bytes(b"0001A\t36591\t\t20220101\t*\t1\t\x81\r\n")
    assert list(ptp_codes(undecodable)) == []


def _ids(rows: list[dict[str, Any]]) -> list[Any]:
    return [{"ids": [[r["system"], r["code"], f"id-{r['code']}"] for r in rows]}]


def test_codes_announced_ahead_are_merged_once_in_writer_slots_and_fill_the_rows() -> None:
    sent: list[tuple[str, list[Any], dict[str, Any]]] = []
    writing, most = 0, 0

    async def run(name: str, rows: list[Any], **params: Any) -> list[Any]:
        nonlocal writing, most
        writing += 1
        most = max(most, writing)
        await asyncio.sleep(0.005)
        writing -= 1
        sent.append((name, rows, params))
        return _ids(rows) if name == "merge_code_ids" else []

    codes = [("CPT", f"{10000 + i}") for i in range(40)]
    edges = [({"setting": "hospital"}, codes[i % 40], codes[(i * 7) % 40]) for i in range(100)]

    async def main() -> None:
        batcher = Batcher(run, 10, LoadSummary(source="ncci_ptp/hospital", label="t"), None, writers=2)
        for k in range(0, 40, 15):
            await batcher.add_codes(codes[k : k + 15])
        await batcher.add_codes(codes[:5])  # known or being merged: nothing more to merge
        await batcher.add_edges(COMPACT, edges)
        await batcher.flush()

    asyncio.run(main())
    merged = [r["code"] for name, rows, _ in sent if name == "merge_code_ids" for r in rows]
    assert sorted(merged) == sorted(c for _, c in codes)  # each code once
    assert [len(rows) for name, rows, _ in sent if name == "merge_code_ids"] == [15, 15, 10]
    batches = [unpack(rows, params) for name, rows, params in sent if name == COMPACT]
    assert [(r["a"], r["b"]) for b in batches for r in b] == [(f"id-{a[1]}", f"id-{b[1]}") for _, a, b in edges]
    assert most == 2  # merges and edge batches share the writers' slots


def test_a_failed_merge_fails_the_load_and_every_batch_waiting_on_it() -> None:
    async def run(name: str, rows: list[Any], **params: Any) -> list[Any]:
        if name == "merge_code_ids":
            raise RuntimeError("merge failed")
        return []

    edges = [({"setting": "hospital"}, ("CPT", "10000"), ("CPT", "10001"))] * 25

    async def main() -> None:
        batcher = Batcher(run, 10, LoadSummary(source="ncci_ptp/hospital", label="t"), None, writers=2)
        await batcher.add_codes([("CPT", "10000"), ("CPT", "10001")])
        await batcher.add_edges(COMPACT, edges)
        await batcher.flush()

    with pytest.raises(RuntimeError, match="merge failed"):
        asyncio.run(main())


def test_one_transaction_merges_announced_codes_before_returning() -> None:
    sent: list[str] = []

    async def run(name: str, rows: list[Any], **params: Any) -> list[Any]:
        sent.append(name)
        return _ids(rows) if name == "merge_code_ids" else []

    async def main() -> None:
        batcher = Batcher(run, 10, LoadSummary(source="s", label="t"), None, one_transaction=True)
        await batcher.add_codes([("CPT", "10000")])
        assert sent == ["merge_code_ids"]
        await batcher.add_edges(COMPACT, [({}, ("CPT", "10000"), ("CPT", "10000"))])
        await batcher.flush()

    asyncio.run(main())
    assert sent == ["merge_code_ids", COMPACT]
