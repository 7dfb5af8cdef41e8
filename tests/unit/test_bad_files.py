"""Every loader answers a bad file with one LoadError naming the file, never a traceback or an empty release.

An empty or unreadable file that parsed as "no rows" would be worse than an error: a code-set release
with no codes closes every code of the previous one.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from loaders import aoc, cpt, gem, guidelines, hcpcs, icd9, icd10cm, icd10pcs, mue, pfs, ptp
from loaders.errors import LoadError
from tests.data import FIXTURES


class CountingSink:
    def __init__(self) -> None:
        self.rows = 0

    async def add(self, statement: str, row: dict[str, Any], a: Any = None, b: Any = None) -> None:
        self.rows += 1

    def count_source_row(self, n: int = 1) -> None:
        pass

    async def flush(self) -> None:
        pass


def _icd10cm(path: Path) -> int:
    sink = CountingSink()
    asyncio.run(icd10cm.write_icd10cm(sink, [path]))
    return sink.rows


def _gem(path: Path) -> int:
    gem.detect_direction(path)
    return len(list(gem.parse_gem(path)))


def _icd9(path: Path) -> int:
    return len(list(icd9.parse_icd9(path, icd9.detect_system(path))))


PARSERS: dict[str, tuple[Callable[[Path], int], Path]] = {
    "aoc": (lambda p: len(list(aoc.parse_aoc(p))), FIXTURES / "aoc_v1.csv"),
    "ptp": (lambda p: len(list(ptp.parse_ptp(p))), FIXTURES / "ptp_part1.txt"),
    "mue": (lambda p: len(list(mue.parse_mue(p))), FIXTURES / "mue_practitioner.csv"),
    "gem": (_gem, FIXTURES / "gem_i10_to_i9.txt"),
    "hcpcs": (lambda p: len(list(hcpcs.parse_hcpcs(p))), FIXTURES / "hcpcs_anweb.txt"),
    "icd10cm": (_icd10cm, FIXTURES / "icd10cm_order.txt"),
    "icd10pcs": (lambda p: len(list(icd10pcs.parse_icd10pcs(p))), FIXTURES / "icd10cm_order.txt"),
    "icd9cm": (_icd9, FIXTURES / "gem_i10_to_i9.txt"),
    "cpt": (lambda p: len(list(cpt.parse_cpt(p))), FIXTURES / "LONGULT.txt"),
    "pfs": (lambda p: len(list(pfs.parse_pfs(p))), FIXTURES / "pprrvu_fixture.csv"),
    "guidelines": (lambda p: len(list(guidelines.parse_guidelines(p))), FIXTURES / "ptp_part1.txt"),
}
BINARY = bytes(range(256)) * 8
WRONG = b"kind: guideline\nitems:\n  - not: a code file\n"


def _bad_files(tmp_path: Path, good: Path) -> dict[str, Path]:
    files = {"empty": b"", "binary": BINARY, "wrong format": WRONG, "truncated": good.read_bytes()[:37]}
    out = {}
    for name, data in files.items():
        path = tmp_path / f"{name.replace(' ', '_')}{good.suffix}"
        path.write_bytes(data)
        out[name] = path
    workbook = tmp_path / "broken.xlsx"
    workbook.write_bytes(b"PK\x03\x04 this is not a whole zip")
    out["broken workbook"] = workbook
    return out


@pytest.mark.parametrize("kind", sorted(PARSERS))
def test_bad_files_are_one_clear_error(kind: str, tmp_path: Path) -> None:
    parse, good = PARSERS[kind]
    for name, path in _bad_files(tmp_path, good).items():
        with pytest.raises(LoadError) as caught:
            parse(path)
        assert str(path) in str(caught.value), f"{kind}, {name}: the error names the file"
        assert "\n" not in str(caught.value), f"{kind}, {name}: one line"
