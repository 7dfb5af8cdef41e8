"""NCCI procedure-to-procedure (PTP) edits: CMS's tab-delimited tables (multi-line header) or their zip."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TextIO

from loaders.code_forms import compact_date, iso, procedure_ref, procedure_system, validity
from loaders.errors import LoadError
from loaders.guard import file_records
from loaders.sink import CodeRef, Edge, Row, Sink

SETTINGS = ("practitioner", "hospital")
CHUNK = 2_000  # rows handed to the sink at a time: the event loop runs between chunks (batches in flight finish)
CODE_CHUNK = 4_000  # codes announced to the sink at a time by the first pass: its merges start while it reads on
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


# (prior_1996, effective, deletion, modifier_indicator, rationale): what follows the two codes on a line
Fields = tuple[bool, date, date | None, int, str]
# Real tables repeat some ten thousand codes and a few thousand field tails over millions of lines; the caches
# make a repeated cell a dict hit. Bounded: cleared when a file names more than this.
_CACHE_LIMIT = 1 << 16


class _Cells:
    """The checked meaning of the cells a table repeats: codes by their raw cell, field tails by their text."""

    def __init__(self, where: str, setting: str) -> None:
        self.where = where
        self.setting = setting
        self.codes: dict[str, CodeRef] = {}
        self.tails: dict[str, tuple[Fields, Row]] = {}
        self.in_header = True

    def line(self, number: int, raw: str) -> Checked | None:
        """One line checked field by field (errors name the line and field); None for header and blank lines."""
        text = raw.rstrip("\r\n")
        cells = text.split("\t")
        if self.in_header:
            if not procedure_system(cells[0].strip()):
                return None  # copyright line and the multi-line column header
            self.in_header = False
        if not text.strip() or text.strip() == "\x1a":
            return None
        if len(cells) < 6:
            raise LoadError(self.where, number, None, f"7 tab-separated fields ({', '.join(_FIELDS)})", text)
        a = self.codes.get(cells[0]) or self.code(number, "Column 1", cells[0])
        b = self.codes.get(cells[1]) or self.code(number, "Column 2", cells[1])
        key = text.split("\t", 2)[2]
        fields, row = self.tails.get(key) or self.tail(number, key, cells)
        return a, b, fields, row

    def code(self, line: int, field: str, raw: str) -> CodeRef:
        code = raw.strip()
        system = procedure_system(code)
        if not system:
            raise LoadError(self.where, line, field, "a CPT or HCPCS code (5 characters)", code)
        if len(self.codes) >= _CACHE_LIMIT:
            self.codes.clear()
        ref = self.codes[raw] = (system, code)
        return ref

    def tail(self, line: int, key: str, cells: list[str]) -> tuple[Fields, Row]:
        where = self.where
        effective = _date(where, line, "Effective Date", cells[3].strip())
        if effective is None:
            raise LoadError(where, line, "Effective Date", "a date as YYYYMMDD", cells[3])
        indicator = cells[5].strip()
        if indicator not in {"0", "1", "9"}:
            raise LoadError(where, line, "Modifier", "0, 1 or 9", indicator)
        fields: Fields = (
            cells[2].strip() == "*",
            effective,
            _date(where, line, "Deletion Date", cells[4].strip()),
            int(indicator),
            cells[6].strip() if len(cells) > 6 else "",
        )
        if len(self.tails) >= _CACHE_LIMIT:
            self.tails.clear()
        parsed = self.tails[key] = (fields, _row(fields, self.setting))
        return parsed


Checked = tuple[CodeRef, CodeRef, Fields, Row]


def _scan(where: str, lines: TextIO) -> Iterator[tuple[int, Checked]]:
    cells = _Cells(where, "")
    for number, raw in enumerate(lines, start=1):
        checked = cells.line(number, raw)
        if checked is not None:
            yield number, checked


def _edges(where: str, lines: TextIO, setting: str, size: int) -> Iterator[list[Edge]]:
    """`_Cells.line` for every line, but a line whose three parts were all seen before costs a split and three
    dict hits; no Python step between the line and its place in the chunk."""
    cells = _Cells(where, setting)
    codes, tails = cells.codes, cells.tails
    chunk: list[Edge] = []
    for number, raw in enumerate(lines, start=1):
        parts = raw.rstrip("\r\n").split("\t", 2)
        try:
            chunk.append((tails[parts[2]][1], codes[parts[0]], codes[parts[1]]))
        except (KeyError, IndexError):
            checked = cells.line(number, raw)
            if checked is None:
                continue
            chunk.append((checked[3], checked[0], checked[1]))
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _tables(path: Path) -> Iterator[tuple[str, TextIO]]:
    """One part file, or every .txt part inside a CMS zip, in name order."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            members = sorted(n for n in archive.namelist() if n.lower().endswith(".txt"))
            if not members:
                raise LoadError(path, None, None, "a zip holding the PTP .txt table")
            for member in members:
                with archive.open(member) as raw:
                    yield f"{path}!{member}", io.TextIOWrapper(raw, encoding="cp1252")
        return
    with path.open(encoding="cp1252", newline="") as handle:
        yield str(path), handle


@file_records("an NCCI PTP table (text parts or the CMS zip)")
def parse_ptp(path: Path) -> Iterator[PtpEdit]:
    """Streams one part file, or every .txt part inside a CMS zip, in name order."""
    for where, lines in _tables(path):
        for number, (a, b, fields, _) in _scan(where, lines):
            yield PtpEdit(number, a[1], b[1], *fields)


@file_records("an NCCI PTP table (text parts or the CMS zip)")
def ptp_chunks(path: Path, setting: str, size: int = CHUNK) -> Iterator[list[Edge]]:
    """The table as edge rows for `setting`, `size` at a time (the checks of parse_ptp, a fraction of its cost).

    Lines with the same fields share one row dict: the sink sends it once per batch (add_edges), never changes it."""
    for where, lines in _tables(path):
        yield from _edges(where, lines, setting, size)


def ptp_codes(path: Path, size: int = CODE_CHUNK) -> Iterator[list[CodeRef]]:
    """The codes a table (parts or zip) names in its records, each once, in order of first appearance, `size` at a
    time: a quick first pass (two cells a line), so the codes exist before the edges naming them are written.

    It checks nothing and stops quietly at a file it cannot read: the second pass (`ptp_chunks`) reports every
    error at its line, before anything is switched. For a table that loads, the codes are exactly those its edges
    name."""
    seen: set[str] = set()
    chunk: dict[CodeRef, None] = {}  # ordered, without repeats (padded cells name the same code)
    try:
        for _, lines in _tables(path):
            in_header = True
            for raw in lines:
                cells = raw.split("\t", 2)
                if in_header:
                    if not procedure_system(cells[0].strip()):
                        continue
                    in_header = False
                for cell in cells[:2]:
                    if cell not in seen:
                        seen.add(cell)
                        code = cell.strip()
                        system = procedure_system(code)
                        if system:
                            chunk[(system, code)] = None
                if len(chunk) >= size:
                    yield list(chunk)
                    chunk = {}
    except (LoadError, ValueError, zipfile.BadZipFile):  # ValueError: also text that does not decode
        return
    if chunk:
        yield list(chunk)


def _row(fields: Fields, setting: str) -> Row:
    """Dates go as ISO text and become dates in Cypher: the driver's date packing costs more than the parse."""
    prior_1996, effective, deletion, indicator, rationale = fields
    valid_from, valid_to = validity(effective, deletion, never=indicator == 9)
    return {
        "setting": setting,
        "prior1996": prior_1996,
        "effectiveDate": iso(effective),
        "deletionDate": iso(deletion) if deletion else None,
        "validFrom": iso(valid_from),
        "validTo": iso(valid_to),
        "modifierIndicator": indicator,
        "rationale": rationale,
    }


def ptp_row(edit: PtpEdit, setting: str) -> Row:
    fields = (edit.prior_1996, edit.effective, edit.deletion, edit.modifier_indicator, edit.rationale)
    return _row(fields, setting)


async def write_ptp_edits(batcher: Sink, edits: Iterable[PtpEdit], setting: str) -> None:
    for edit in edits:
        await batcher.add(
            "create_ptp_edges", ptp_row(edit, setting), a=procedure_ref(edit.column1), b=procedure_ref(edit.column2)
        )
        batcher.count_source_row()


async def write_ptp_table(sink: Sink, path: Path, setting: str) -> None:
    """A whole table (parts or zip) as PTP edges of `setting`; the sink sends full batches as they fill.

    The codes go first (a quick pass), so their merges are under way before the first batch of edges is full."""
    for codes in ptp_codes(path):
        await sink.add_codes(codes)
    for chunk in ptp_chunks(path, setting):
        await sink.add_edges("create_ptp_edges_compact", chunk)
        sink.count_source_row(len(chunk))
