"""NCCI procedure-to-procedure (PTP) edits: CMS's tab-delimited tables (multi-line header) or their zip."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from loaders.code_forms import compact_date, iso, procedure_ref, procedure_system, validity
from loaders.errors import LoadError
from loaders.guard import file_records
from loaders.sink import Sink

SETTINGS = ("practitioner", "hospital")
_FIELDS = ("Column 1", "Column 2", "prior to 1996", "Effective Date", "Deletion Date", "Modifier", "Rationale")


@dataclass(frozen=True, slots=True)
class PtpEdit:
    line: int
    column1: str
    column2: str
    prior_1996: bool
    effective: date
    deletion: date | None
    modifier_indicator: int
    rationale: str


def _date(where: str, line: int, field: str, raw: str) -> date | None:
    if raw == "*" or raw == "":
        return None
    parsed = compact_date(raw)
    if parsed is None:
        raise LoadError(where, line, field, "a date as YYYYMMDD (or * for none)", raw)
    return parsed


def _parse_lines(where: str, lines: TextIO) -> Iterator[PtpEdit]:
    in_header = True
    for number, raw in enumerate(lines, start=1):
        text = raw.rstrip("\r\n")
        cells = text.split("\t")
        first = cells[0].strip()
        if in_header:
            if not procedure_system(first):
                continue  # copyright line and the multi-line column header
            in_header = False
        if not text.strip() or text.strip() == "\x1a":
            continue
        if len(cells) < 6:
            raise LoadError(where, number, None, f"7 tab-separated fields ({', '.join(_FIELDS)})", text)
        c1, c2 = first, cells[1].strip()
        for field, code in (("Column 1", c1), ("Column 2", c2)):
            if not procedure_system(code):
                raise LoadError(where, number, field, "a CPT or HCPCS code (5 characters)", code)
        effective = _date(where, number, "Effective Date", cells[3].strip())
        if effective is None:
            raise LoadError(where, number, "Effective Date", "a date as YYYYMMDD", cells[3])
        indicator = cells[5].strip()
        if indicator not in {"0", "1", "9"}:
            raise LoadError(where, number, "Modifier", "0, 1 or 9", indicator)
        yield PtpEdit(
            line=number,
            column1=c1,
            column2=c2,
            prior_1996=cells[2].strip() == "*",
            effective=effective,
            deletion=_date(where, number, "Deletion Date", cells[4].strip()),
            modifier_indicator=int(indicator),
            rationale=cells[6].strip() if len(cells) > 6 else "",
        )


@file_records("an NCCI PTP table (text parts or the CMS zip)")
def parse_ptp(path: Path) -> Iterator[PtpEdit]:
    """Streams one part file, or every .txt part inside a CMS zip, in name order."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            members = sorted(n for n in archive.namelist() if n.lower().endswith(".txt"))
            if not members:
                raise LoadError(path, None, None, "a zip holding the PTP .txt table")
            for member in members:
                with archive.open(member) as raw:
                    yield from _parse_lines(f"{path}!{member}", io.TextIOWrapper(raw, encoding="cp1252"))
        return
    with path.open(encoding="cp1252", newline="") as handle:
        yield from _parse_lines(str(path), handle)


def ptp_row(edit: PtpEdit, setting: str) -> dict[str, Any]:
    """Dates go as ISO text and become dates in Cypher: the driver's date packing costs more than the parse."""
    never = edit.modifier_indicator == 9
    valid_from, valid_to = validity(edit.effective, edit.deletion, never=never)
    return {
        "setting": setting,
        "prior1996": edit.prior_1996,
        "effectiveDate": iso(edit.effective),
        "deletionDate": iso(edit.deletion) if edit.deletion else None,
        "validFrom": iso(valid_from),
        "validTo": iso(valid_to),
        "modifierIndicator": edit.modifier_indicator,
        "rationale": edit.rationale,
    }


async def write_ptp_edits(batcher: Sink, edits: Iterable[PtpEdit], setting: str) -> None:
    for edit in edits:
        await batcher.add(
            "create_ptp_edges", ptp_row(edit, setting), a=procedure_ref(edit.column1), b=procedure_ref(edit.column2)
        )
        batcher.count_source_row()
