"""HCPCS Level II alpha-numeric file ("ANWEB"): fixed-width 320-character records, codes and modifiers."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from loaders.code_entries import CodeEntry, write_code_entries
from loaders.code_forms import compact_date
from loaders.errors import LoadError
from loaders.guard import file_records
from loaders.sink import Sink
from loaders.tabular import iter_records, text_encoding

WIDTH = 320
CODE_FIRST, CODE_MORE, MODIFIER_FIRST, MODIFIER_MORE = "3", "4", "7", "8"


@dataclass(slots=True)
class HcpcsRecord:
    line: int
    code: str
    is_modifier: bool
    long: str
    short: str
    pricing: list[str] = field(default_factory=list)
    coverage: str = ""
    betos: str = ""
    type_of_service: list[str] = field(default_factory=list)
    cross_references: list[str] = field(default_factory=list)
    added: date | None = None
    action_effective: date | None = None
    terminated: date | None = None
    action: str = ""


def _cut(record: str, first: int, last: int) -> str:
    """1-based inclusive columns, as the CMS record layout numbers them."""
    return record[first - 1 : last].strip()


def _repeated(record: str, first: int, width: int, times: int) -> list[str]:
    values = (_cut(record, first + i * width, first + (i + 1) * width - 1) for i in range(times))
    return [v for v in values if v]


def _date(path: Path, line: int, field_name: str, raw: str) -> date | None:
    if not raw:
        return None
    parsed = compact_date(raw)
    if parsed is None:
        raise LoadError(path, line, field_name, "a date as YYYYMMDD", raw)
    return parsed


def _is_record(text: str) -> bool:
    code, sequence, record_id = text[:5], text[5:10], text[10:11]
    if record_id not in {CODE_FIRST, CODE_MORE, MODIFIER_FIRST, MODIFIER_MORE} or not sequence.isdigit():
        return False
    if record_id in {MODIFIER_FIRST, MODIFIER_MORE}:
        return code[:3] == "   " and code[3:].strip().isalnum()
    return code[0].isalpha() and code[1:].isdigit()


def _first(path: Path, line: int, record: str, is_modifier: bool) -> HcpcsRecord:
    return HcpcsRecord(
        line=line,
        code=_cut(record, 1, 5),
        is_modifier=is_modifier,
        long=_cut(record, 12, 91),
        short=_cut(record, 92, 119),
        pricing=_repeated(record, 120, 2, 4),
        coverage=_cut(record, 230, 230),
        betos=_cut(record, 257, 259),
        type_of_service=_repeated(record, 261, 1, 5),
        cross_references=_repeated(record, 205, 5, 5),
        added=_date(path, line, "code added date (269-276)", _cut(record, 269, 276)),
        action_effective=_date(path, line, "action effective date (277-284)", _cut(record, 277, 284)),
        terminated=_date(path, line, "termination date (285-292)", _cut(record, 285, 292)),
        action=_cut(record, 293, 293),
    )


@file_records("an HCPCS ANWEB file (fixed-width text or xlsx)")
def parse_hcpcs(path: Path) -> Iterator[HcpcsRecord]:
    """The ANWEB text file, or its xlsx twin (same records, one column per field)."""
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        return _parse_xlsx(path)
    return _parse_text(path)


_XLSX_HEADER = {"hcpc", "seqnum", "recid", "longdescription", "shortdescription"}


def _parse_xlsx(path: Path) -> Iterator[HcpcsRecord]:
    """Rows keyed by the CMS column names (HCPC, SEQNUM, RECID, LONG_DESCRIPTION, ..., ACTION_CD)."""
    current: HcpcsRecord | None = None
    for line, row in iter_records(path, lambda keys: set(keys) >= _XLSX_HEADER, "HCPC, SEQNUM, RECID, ..."):
        record_id, code = row.get("recid", ""), row.get("hcpc", "").strip()
        if record_id not in {CODE_FIRST, CODE_MORE, MODIFIER_FIRST, MODIFIER_MORE}:
            raise LoadError(path, line, "RECID", "3, 4, 7 or 8", record_id)
        if record_id in {CODE_MORE, MODIFIER_MORE}:
            if current is None or current.code != code:
                raise LoadError(path, line, "RECID", "a continuation of the row above", record_id)
            current.long = f"{current.long} {row.get('longdescription', '')}".strip()
            continue
        if current:
            yield current
        current = HcpcsRecord(
            line=line,
            code=code,
            is_modifier=record_id == MODIFIER_FIRST,
            long=row.get("longdescription", ""),
            short=row.get("shortdescription", ""),
            pricing=_columns(row, "price", 4),
            coverage=row.get("cov", ""),
            betos=row.get("betos", ""),
            type_of_service=_columns(row, "tos", 5),
            cross_references=_columns(row, "xref", 5),
            added=_date(path, line, "ADD_DT", row.get("adddt", "")),
            action_effective=_date(path, line, "ACT_EFF_DT", row.get("acteffdt", "")),
            terminated=_date(path, line, "TERM_DT", row.get("termdt", "")),
            action=row.get("actioncd", ""),
        )
    if current:
        yield current


def _columns(row: dict[str, str], name: str, times: int) -> list[str]:
    return [v for i in range(1, times + 1) if (v := row.get(f"{name}{i}", ""))]


def _parse_text(path: Path) -> Iterator[HcpcsRecord]:
    """Codes (records 3 + continuations 4) and modifiers (7 + 8), long descriptions joined.

    The disclaimer block and blank lines are no records and are skipped; a record a little shorter
    than 320 characters is padded; a record longer than 320, or a continuation with no first line,
    is reported with its line number.
    """
    current: HcpcsRecord | None = None
    with path.open(encoding=text_encoding(path), newline="") as handle:
        for line, raw in enumerate(handle, start=1):
            text = raw.rstrip("\r\n")
            if len(text) < 11 or not _is_record(text):
                continue
            if len(text) > WIDTH:
                raise LoadError(path, line, None, f"a record of {WIDTH} characters", f"{len(text)} characters")
            record = text.ljust(WIDTH)
            record_id = record[10]
            if record_id in {CODE_FIRST, MODIFIER_FIRST}:
                if current:
                    yield current
                current = _first(path, line, record, record_id == MODIFIER_FIRST)
                continue
            if current is None or current.code != _cut(record, 1, 5):
                raise LoadError(path, line, "record id (11)", "a continuation of the record above", record_id)
            current.long = f"{current.long} {_cut(record, 12, 91)}".strip()
    if current:
        yield current


def code_entry(record: HcpcsRecord) -> CodeEntry:
    props = {
        "pricingIndicators": record.pricing,
        "coverageCode": record.coverage or None,
        "betos": record.betos or None,
        "typeOfService": record.type_of_service,
        "crossReferences": record.cross_references,
        "addedDate": record.added,
        "actionEffectiveDate": record.action_effective,
        "terminationDate": record.terminated,
        "actionCode": record.action or None,
    }
    return CodeEntry("HCPCS", record.code, record.short, record.long, billable=True, props=props)


def modifier_row(record: HcpcsRecord) -> dict[str, object]:
    return {
        "code": record.code,
        "long": record.long,
        "short": record.short,
        "added": record.added,
        "actionEffective": record.action_effective,
        "terminated": record.terminated,
        "action": record.action or None,
    }


async def write_hcpcs(sink: Sink, paths: Sequence[Path]) -> None:
    """Codes stream through; the few hundred modifier records are kept aside and written after them."""
    modifiers: list[HcpcsRecord] = []

    def codes_keeping_modifiers(path: Path) -> Iterator[CodeEntry]:
        for record in parse_hcpcs(path):
            if record.is_modifier:
                modifiers.append(record)
            else:
                yield code_entry(record)

    for path in paths:
        await write_code_entries(sink, codes_keeping_modifiers(path))
    for record in modifiers:
        await sink.add("merge_hcpcs_modifiers", modifier_row(record))
    await sink.flush()
    await sink.add("create_hcpcs_replacements", {})
