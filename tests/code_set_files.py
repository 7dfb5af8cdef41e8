"""Code-set files the unit and integration tests share: where the real ones are, and an xlsx twin of ANWEB."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

HCPCS_2018 = "hcpcs/2018/HCPC2018_CONTR_ANWEB_disc.txt"


def tabular_xml() -> Path:
    """The April 2025 tabular XML that the dev dependency simple-icd-10-cm 1.3.0 ships (found, not imported)."""
    spec = importlib.util.find_spec("simple_icd_10_cm")
    if spec is None or spec.origin is None:
        pytest.skip("simple-icd-10-cm (a dev dependency) is not installed: it ships the ICD-10-CM tabular XML")
    return Path(spec.origin).parent / "data" / "icd10cm-tabular-April-2025.xml"


TWIN_COLUMNS = {  # CMS column name: 1-based (first, last) columns of the ANWEB record
    "HCPC": (1, 5),
    "SEQNUM": (6, 10),
    "RECID": (11, 11),
    "LONG_DESCRIPTION": (12, 91),
    "SHORT_DESCRIPTION": (92, 119),
    **{f"PRICE{i}": (120 + 2 * (i - 1), 121 + 2 * (i - 1)) for i in range(1, 5)},
    **{f"XREF{i}": (205 + 5 * (i - 1), 209 + 5 * (i - 1)) for i in range(1, 6)},
    "COV": (230, 230),
    "BETOS": (257, 259),
    **{f"TOS{i}": (260 + i, 260 + i) for i in range(1, 6)},
    "ADD_DT": (269, 276),
    "ACT_EFF_DT": (277, 284),
    "TERM_DT": (285, 292),
    "ACTION_CD": (293, 293),
}


def xlsx_twin(anweb: Path, out: Path) -> Path:
    """The xlsx CMS ships beside the ANWEB text: the same records, one column per field."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("HCPC2018")
    sheet.append(list(TWIN_COLUMNS))
    with anweb.open(encoding="cp1252") as handle:
        for raw in handle:
            record = raw.rstrip("\r\n")
            if len(record) >= 290 and record[10] in "3478":
                sheet.append([record[a - 1 : b].strip() for a, b in TWIN_COLUMNS.values()])
    book.save(out)
    return out
