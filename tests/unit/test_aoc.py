"""NCCI add-on code edits: parsing the CMS shapes, loading, dates of service, failures that change nothing."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook

from loaders.aoc import parse_aoc
from loaders.errors import LoadError
from tests.data import FIXTURES, shared

AOC_XLSX = "ncci_aoc/AOC_V2026Q2-MCR.xlsx"


AOC_CSV = "ncci_aoc/AOC_V2026Q2-MCR.converted.csv"


def test_parse_csv_fixture() -> None:
    edits = list(parse_aoc(FIXTURES / "aoc_v1.csv"))
    assert len(edits) == 9
    first = edits[0]
    assert (first.add_on, first.primary, first.type, first.effective) == ("97551", "97550", 1, date(2024, 1, 1))
    assert first.line == 2
    deleted = edits[4]
    assert deleted.deletion == date(2022, 12, 31) and deleted.add_on_deletion == date(2022, 12, 31)
    assert edits[7].primary == "CCCCC" and edits[7].notes == "Contractor Defined Primary Codes"
    assert edits[8].notes and '"Chapter 12"' in edits[8].notes


def test_parse_xlsx_with_notice_row(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["CPT codes, descriptions and other data only are copyright the AMA. All rights reserved."])
    sheet.append(
        [
            "AOC_Edit_Type",
            "Add-On_Code",
            "AOC_DelDT",
            "Primary_Code",
            "Primary_Code_DelDT",
            "AOC_Edit_EffDT",
            "AOC_Edit_DelDT",
            "Special_Instruction_Notes",
        ]
    )
    sheet.append(["1", "97551", None, "97550", None, "2024001", None, None])
    sheet.append(["1", "01953", None, "01951", None, "2013091", "2025274", None])
    path = tmp_path / "AOC_TEST.xlsx"
    book.save(path)
    edits = list(parse_aoc(path))
    assert [(e.add_on, e.primary, e.line) for e in edits] == [("97551", "97550", 3), ("01953", "01951", 4)]
    assert edits[1].deletion == date(2025, 10, 1)


def test_bad_date_names_file_line_and_field() -> None:
    with pytest.raises(LoadError) as caught:
        list(parse_aoc(FIXTURES / "aoc_bad_date.csv"))
    error = caught.value
    assert error.line == 4 and error.field == "AOC_Edit_EffDT" and error.got == "2024-13-01"
    assert "aoc_bad_date.csv, line 4" in str(error) and "YYYYDDD" in str(error)


@pytest.mark.shared_data
def test_real_workbook_and_csv_agree() -> None:
    from_xlsx = list(parse_aoc(shared(AOC_XLSX)))
    from_csv = list(parse_aoc(shared(AOC_CSV)))
    assert len(from_xlsx) == len(from_csv) == 9000
    strip = [(e.add_on, e.primary, e.type, e.effective, e.deletion, e.notes) for e in from_xlsx]
    assert strip == [(e.add_on, e.primary, e.type, e.effective, e.deletion, e.notes) for e in from_csv]
    types = [e.type for e in from_xlsx]
    assert (types.count(1), types.count(2), types.count(3)) == (8293, 47, 660)
    assert sum(e.primary == "CCCCC" for e in from_xlsx) == 55
    assert sum(e.deletion is None for e in from_xlsx) == 7740
    assert len({e.add_on for e in from_xlsx}) == 830
