"""Streams rows of a delimited text file or an xlsx sheet, from its header row on, with line numbers."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path

from loaders.errors import LoadError

Cells = list[str]
_NOT_ALNUM = re.compile(r"[^a-z0-9]")


def header_key(cell: str) -> str:
    """`Add-On_Code` and `Add-on Code` both become `addoncode`."""
    return _NOT_ALNUM.sub("", cell.lower())


def text_encoding(path: Path) -> str:
    """UTF-8 when the file decodes as UTF-8; otherwise the Windows code page CMS files use."""
    with path.open("rb") as handle:
        sample = handle.read(1 << 20)
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(sample) - 4:  # a cut multibyte character at the end is still UTF-8
            return "cp1252"
    return "utf-8-sig"


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y%m%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _xlsx_rows(path: Path) -> Iterator[tuple[int, Cells]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [_cell(v) for v in row]
    finally:
        book.close()


def _text_rows(path: Path, delimiter: str) -> Iterator[tuple[int, Cells]]:
    with path.open(encoding=text_encoding(path), newline="") as handle:
        reader = csv.reader(handle, delimiter=delimiter)
        for row in reader:
            yield reader.line_num, [c.strip() for c in row]


def sniff_delimiter(path: Path) -> str:
    with path.open(encoding=text_encoding(path), errors="replace") as handle:
        head = handle.read(8192)
    return "\t" if head.count("\t") > head.count(",") else ","


def iter_rows(path: Path) -> Iterator[tuple[int, Cells]]:
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        return _xlsx_rows(path)
    return _text_rows(path, sniff_delimiter(path))


def iter_records(path: Path, is_header: Callable[[list[str]], bool], what: str) -> Iterator[tuple[int, dict[str, str]]]:
    """Yields (line, {header_key: cell}) for each data row after the first row `is_header` accepts."""
    header: list[str] | None = None
    for line, cells in iter_rows(path):
        if header is None:
            keys = [header_key(c) for c in cells]
            if is_header(keys):
                header = keys
            continue
        if not any(c and c != "\x1a" for c in cells):
            continue
        yield line, dict(zip(header, cells, strict=False))
    if header is None:
        raise LoadError(path, None, None, f"a header row of {what}")


def parse_date(path: Path, line: int, field: str, raw: str) -> date | None:
    """YYYYDDD (Julian, as in the AOC workbook), YYYYMMDD, or MM/DD/YYYY; empty or `*` is no date."""
    raw = raw.strip()
    if raw in {"", "*"}:
        return None
    try:
        if len(raw) == 7 and raw.isdigit():
            return datetime.strptime(raw, "%Y%j").date()
        if len(raw) == 8 and raw.isdigit():
            return datetime.strptime(raw, "%Y%m%d").date()
        if "/" in raw:
            return datetime.strptime(raw, "%m/%d/%Y").date()
    except ValueError:
        pass
    raise LoadError(path, line, field, "a date as YYYYDDD, YYYYMMDD or MM/DD/YYYY", raw)


def parse_int(path: Path, line: int, field: str, raw: str, allowed: set[int] | None = None) -> int:
    try:
        value = int(raw.strip())
    except ValueError:
        value = None
    if value is None or (allowed is not None and value not in allowed):
        choice = f"one of {sorted(allowed)}" if allowed else "a whole number"
        raise LoadError(path, line, field, choice, raw)
    return value
