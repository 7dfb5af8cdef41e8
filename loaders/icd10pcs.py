"""ICD-10-PCS codes file (code + title) or order file, with a hierarchy by the code's axes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from loaders.code_entries import CodeEntry
from loaders.errors import LoadError
from loaders.guard import file_records
from loaders.tabular import text_encoding

SECTIONS = {
    "0": "Medical and Surgical", "1": "Obstetrics", "2": "Placement", "3": "Administration",
    "4": "Measurement and Monitoring", "5": "Extracorporeal or Systemic Assistance and Performance",
    "6": "Extracorporeal or Systemic Therapies", "7": "Osteopathic", "8": "Other Procedures",
    "9": "Chiropractic", "B": "Imaging", "C": "Nuclear Medicine", "D": "Radiation Therapy",
    "F": "Physical Rehabilitation and Diagnostic Audiology", "G": "Mental Health",
    "H": "Substance Abuse Treatment", "X": "New Technology",
}  # fmt: skip
_LINKING = {"of", "to", "with", "into", "on", "from", "using", "in", "and"}


def _line(path: Path, number: int, text: str) -> tuple[str, str, bool | None]:
    """(code, title, billable) from a codes-file line or an order-file line."""
    if len(text) > 15 and text[:5].isdigit() and text[5] == " ":  # order file: 00001 0016070 1 short long
        code, flag, long = text[6:13].strip(), text[14:15], text[77:].strip() or text[16:76].strip()
        return code, long, flag == "1"
    code, _, title = text.partition(" ")
    return code, title.strip(), True


def _operation(titles: list[str]) -> str | None:
    """The words every title of a table starts with ("Resection of ..." -> "Resection")."""
    words = titles[0].replace(",", " ,").split()
    for title in titles[1:]:
        other = title.replace(",", " ,").split()
        shared = 0
        while shared < min(len(words), len(other)) and words[shared] == other[shared]:
            shared += 1
        words = words[:shared]
    while words and (words[-1].lower() in _LINKING or words[-1] == ","):
        words.pop()
    return " ".join(words) or None


def _table(section_seen: set[str], table: str, entries: list[CodeEntry]) -> Iterator[CodeEntry]:
    section, body_system = table[0], table[:2]
    if section not in section_seen:
        section_seen.add(section)
        yield CodeEntry("ICD10PCS", section, SECTIONS.get(section), SECTIONS.get(section), False, "section")
    if body_system not in section_seen:
        section_seen.add(body_system)
        yield CodeEntry("ICD10PCS", body_system, None, None, False, "bodySystem", parent=section)
    operation = _operation([e.long or "" for e in entries if e.kind == "code"]) if entries else None
    yield CodeEntry("ICD10PCS", table, operation, operation, False, "table", parent=body_system)
    yield from entries


@file_records("an ICD-10-PCS codes or order file")
def parse_icd10pcs(path: Path) -> Iterator[CodeEntry]:
    """Streams codes grouped by their 3-character table (the files are in code order), axes first."""
    seen: set[str] = set()
    table, entries = "", list[CodeEntry]()
    with path.open(encoding=text_encoding(path), newline="") as handle:
        for number, raw in enumerate(handle, start=1):
            text = raw.rstrip("\r\n")
            if not text.strip():
                continue
            code, title, billable = _line(path, number, text)
            if len(code) < 3 or not code.isalnum() or not title:
                raise LoadError(path, number, "code", "an ICD-10-PCS code (up to 7 characters) and a title", text)
            if len(code) < 7:
                continue  # order-file header rows: the axes come from the codes themselves
            if code[:3] != table:
                if entries:
                    yield from _table(seen, table, entries)
                table, entries = code[:3], []
            entries.append(CodeEntry("ICD10PCS", code, title, title, billable, "code", parent=code[:3]))
    if entries:
        yield from _table(seen, table, entries)
