"""NCCI PTP and MUE tables: official shapes, parts of one release, staged loads that fail cleanly."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import pytest

from loaders.errors import LoadError
from loaders.mue import parse_mue, setting_of_file
from loaders.ptp import parse_ptp
from tests.data import FIXTURES, shared

PTP_EXCERPT = "ncci_ptp/ccipra-v322r0-f1.excerpt.txt"


def test_parse_ptp_fixture() -> None:
    edits = list(parse_ptp(FIXTURES / "ptp_part1.txt"))
    assert len(edits) == 6 and edits[0].line == 7
    assert (edits[0].column1, edits[0].column2, edits[0].modifier_indicator) == ("0001A", "36591", 0)
    assert edits[0].deletion == date(2023, 12, 31)
    assert edits[3].deletion is None and edits[4].prior_1996 and not edits[3].prior_1996


def test_parse_ptp_zip_reads_every_part(tmp_path: Path) -> None:
    archive = tmp_path / "ccipra-v999r0.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(FIXTURES / "ptp_part1.txt", "ccipra-v999r0-f1.txt")
        z.write(FIXTURES / "ptp_part2.txt", "ccipra-v999r0-f2.txt")
        z.writestr("readme.pdf", b"%PDF")
    assert len(list(parse_ptp(archive))) == 8


def test_bad_indicator_names_line_and_field() -> None:
    with pytest.raises(LoadError) as caught:
        list(parse_ptp(FIXTURES / "ptp_bad_indicator.txt"))
    assert caught.value.line == 11 and caught.value.field == "Modifier" and caught.value.got == "7"


@pytest.mark.shared_data
def test_real_ptp_excerpt_counts() -> None:
    edits = list(parse_ptp(shared(PTP_EXCERPT)))
    assert len(edits) == 154
    indicators = [e.modifier_indicator for e in edits]
    assert (indicators.count(0), indicators.count(1), indicators.count(9)) == (9, 139, 6)
    assert sum(e.deletion is None for e in edits) == 66
    assert {e.column1 for e in edits} == {"0001A", "0001M", "0001T", "0001U"}


def test_parse_mue_fixture_with_notice_and_broken_header() -> None:
    edits = list(parse_mue(FIXTURES / "mue_practitioner.csv"))
    assert [(e.code, e.value, e.indicator) for e in edits] == [("0001U", 1, 2), ("0009U", 2, 3), ("J1100", 100, 3)]
    assert edits[0].indicator_text == "2 Date of Service Edit: Policy"
    assert setting_of_file(FIXTURES / "mue_practitioner.csv") == "practitioner"
