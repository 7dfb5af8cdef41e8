"""Code-set loaders: HCPCS, ICD-10-CM, ICD-10-PCS, ICD-9, CPT licensee files; history across releases."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from loaders.cpt import parse_cpt
from loaders.errors import LoadError
from loaders.hcpcs import parse_hcpcs
from loaders.icd9 import detect_system, parse_icd9
from loaders.icd10cm import parse_order_file
from loaders.icd10cm_tabular import NoteRef, parse_tabular, references
from tests.code_set_files import HCPCS_2018, tabular_xml, xlsx_twin
from tests.data import FIXTURES, shared


def _fields(records: list[Any]) -> list[tuple[object, ...]]:
    return [tuple(getattr(r, f) for f in r.__slots__ if f != "line") for r in records]


def test_hcpcs_fixture_records() -> None:
    records = list(parse_hcpcs(FIXTURES / "hcpcs_anweb.txt"))
    assert [(r.code, r.is_modifier) for r in records] == [
        ("G0008", False),
        ("J3490", False),
        ("XE", True),
        ("E0601", False),
    ]
    g0008, j3490, xe, e0601 = records
    assert (g0008.pricing, g0008.coverage, g0008.betos, g0008.type_of_service) == (["54"], "C", "O1G", ["V"])
    assert g0008.added == date(1994, 1, 1) and g0008.action == "N"
    assert j3490.long.endswith("past the first record onto a continuation line")
    assert xe.long.endswith("that is continued on a second record")
    assert e0601.short == "CPAP device" and e0601.betos == "D1E"  # a short record was padded


def test_hcpcs_continuation_without_its_record_is_reported() -> None:
    with pytest.raises(LoadError) as caught:
        list(parse_hcpcs(FIXTURES / "hcpcs_orphan_continuation.txt"))
    assert caught.value.line == 6 and "continuation" in str(caught.value)


@pytest.mark.shared_data
def test_real_hcpcs_2018_counts_and_facts() -> None:
    records = list(parse_hcpcs(shared(HCPCS_2018)))
    codes = {r.code: r for r in records if not r.is_modifier}
    modifiers = {r.code: r for r in records if r.is_modifier}
    assert (len(codes), len(modifiers)) == (6205, 354)
    coverage = [r.coverage for r in codes.values()]
    assert [coverage.count(c) for c in "CDISM"] == [3367, 1834, 785, 116, 103]
    g0008 = codes["G0008"]
    assert g0008.long == "Administration of influenza virus vaccine"
    assert (g0008.pricing, g0008.coverage, g0008.betos, g0008.type_of_service) == (["54"], "C", "O1G", ["V"])
    assert g0008.added == date(1994, 1, 1)
    assert (codes["J3490"].long, codes["J3490"].pricing, codes["J3490"].coverage) == ("Unclassified drugs", ["51"], "D")
    assert codes["E0601"].betos == "D1E"
    assert all(modifiers[m].added == date(2015, 1, 1) for m in ("XE", "XS", "XP", "XU"))
    assert modifiers["GA"].long == "Waiver of liability statement issued as required by payer policy, individual case"


def test_order_file_hierarchy() -> None:
    entries = list(parse_order_file(FIXTURES / "icd10cm_order.txt"))
    assert [(e.code, e.billable, e.parent) for e in entries] == [
        ("A04", False, None),
        ("A047", False, "A04"),
        ("A0471", True, "A047"),
        ("A0472", True, "A047"),
        ("A048", True, "A04"),
    ]
    assert entries[3].short == "Enterocolitis d/t Clostridium difficile, not spcf as recur"


@pytest.mark.shared_data
def test_real_order_file_excerpt() -> None:
    entries = {e.code: e for e in parse_order_file(shared("icd10cm/icd10cm_order_2026.excerpt.txt"))}
    assert len(entries) == 100
    assert (
        entries["A0472"].billable
        and entries["A0472"].short == "Enterocolitis d/t Clostridium difficile, not spcf as recur"
    )
    assert not entries["M545"].billable
    assert {c for c, e in entries.items() if e.parent == "M545"} == {"M5450", "M5451", "M5459"}
    assert entries["M542"].billable and entries["M542"].short == "Cervicalgia"


def test_note_references() -> None:
    assert references("diabetes mellitus due to underlying condition (E08.-)") == [("E08", "E08.-", None)]
    assert references("malignant neoplasm (C00-C96)") == [("C00-C96", "C00-C96", None)]
    assert references("pancreatitis (K85-K86.-)") == [("K85-K86", "K85-K86.-", None)]
    assert references("insulin (Z79.4)") == [("Z794", "Z79.4", None)]
    assert references("diabetes NOS") == []


def test_tabular_hierarchy_notes_and_seventh_characters() -> None:
    items = list(parse_tabular(tabular_xml()))
    codes = {i.code: i for i in items if not isinstance(i, NoteRef)}
    kinds = [c.kind for c in codes.values()]
    assert (kinds.count("chapter"), kinds.count("block")) == (22, 296)
    assert codes["E1165"].parent == "E116" and codes["E116"].parent == "E11" and codes["E11"].parent == "E08-E13"
    assert codes["E08-E13"].parent == "CH04" and codes["CH04"].display == "Chapter 4"
    assert codes["E1165"].billable and not codes["E11"].billable
    notes = [i for i in items if isinstance(i, NoteRef) and i.source == "E11"]
    assert ("EXCLUDES1", "E10") in {(n.kind, n.target) for n in notes}
    assert ("USE_ADDITIONAL_CODE", "Z794") in {(n.kind, n.target) for n in notes}
    # 7th characters: T39.1X1 is a leaf under a category that defines A, D and S
    assert not codes["T391X1"].billable
    assert {c for c in codes if c.startswith("T391X1") and len(c) == 7} == {"T391X1A", "T391X1D", "T391X1S"}
    assert codes["T391X1A"].long.endswith("initial encounter") and codes["T391X1A"].parent == "T391X1"


@pytest.mark.shared_data
def test_real_icd9_files() -> None:
    dx, sg = shared("icd9cm/CMS32_DESC_LONG_DX.txt"), shared("icd9cm/CMS32_DESC_LONG_SG.txt")
    assert (detect_system(dx), detect_system(sg)) == ("ICD9CM", "ICD9PROC")
    diagnoses = {e.code: e for e in parse_icd9(dx, "ICD9CM")}
    procedures = {e.code: e for e in parse_icd9(sg, "ICD9PROC")}
    assert (len(diagnoses), len(procedures)) == (14567, 3882)
    assert diagnoses["0413"].long and "Friedländer" in diagnoses["0413"].long  # Latin-1 read right
    assert diagnoses["25000"].long.startswith("Diabetes mellitus without mention of complication")
    assert procedures["4701"].long == "Laparoscopic appendectomy"


def test_cpt_licensee_files() -> None:
    long = list(parse_cpt(FIXTURES / "LONGULT.txt"))
    assert [(d.code, d.kind) for d in long] == [("97550", "long"), ("97551", "long")]
    clinician = list(parse_cpt(FIXTURES / "ClinicianDescriptor.txt"))
    assert [(d.code, d.kind, d.text) for d in clinician] == [
        ("97550", "clinician", "Made-up clinician wording A"),
        ("97550", "clinician", "Made-up clinician wording B"),
    ]
    assert [d.kind for d in parse_cpt(FIXTURES / "ConsumerDescriptor.txt")] == ["consumer"]


def test_hcpcs_xlsx_twin_gives_the_same_records(tmp_path: Path) -> None:
    text = FIXTURES / "hcpcs_anweb.txt"
    assert _fields(list(parse_hcpcs(xlsx_twin(text, tmp_path / "twin.xlsx")))) == _fields(list(parse_hcpcs(text)))
