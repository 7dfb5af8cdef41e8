"""Claims from an analyst's file: CSV (one row per claim line) or NDJSON (one claim per line), streamed.

CSV columns (header names are case-insensitive; `_` optional): claim_id, date (or date_of_service), line_id,
code, modifiers (separated by spaces, commas, `;` or `|`), units, and optionally setting and system. The rows
of a claim are consecutive; each row's date is its line's date of service, the first row's the claim's.
NDJSON: objects shaped like the GraphQL ClaimInput (claimId, dateOfService, setting, lines[...])."""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, TextIO

from loaders.errors import LoadError
from schema.claims.inputs import MAX_LINES, RawClaim, RawLine

_MODIFIER_SPLIT = re.compile(r"[\s,;|]+")
_ALIASES = {
    "claimid": "claim_id",
    "claim": "claim_id",
    "date": "date",
    "dateofservice": "date",
    "dos": "date",
    "lineid": "line_id",
    "line": "line_id",
    "id": "line_id",
    "code": "code",
    "modifiers": "modifiers",
    "modifier": "modifiers",
    "units": "units",
    "setting": "setting",
    "system": "system",
}


@dataclass(frozen=True, slots=True)
class FileClaim:
    claim: RawClaim
    line: int  # where the claim starts in the file
    line_rows: tuple[int, ...]  # the file line of each claim line (NDJSON: the claim's line for all)


def read_claims(path: Path) -> Iterator[FileClaim]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        first = f.read(1)
        f.seek(0)
        yield from (_ndjson(path, f) if first in ("{", "") else _csv(path, f))


def parse_day(path: Path, line: int, field: str, text: object) -> date:
    value = str(text or "").strip()
    try:
        return date.fromisoformat(value) if "-" in value else date(int(value[:4]), int(value[4:6]), int(value[6:8]))
    except ValueError:
        raise LoadError(path, line, field, "a date YYYY-MM-DD or YYYYMMDD", value) from None


def _units(path: Path, line: int, field: str, text: object) -> int:
    if isinstance(text, int) and not isinstance(text, bool):
        return text
    try:
        return int(str(text).strip() or "1")
    except ValueError:
        raise LoadError(path, line, field, "a whole number of units", text) from None


def _setting(value: object) -> str:
    return str(value or "practitioner").strip().lower()


def _csv(path: Path, f: TextIO) -> Iterator[FileClaim]:
    reader = csv.reader(f)
    header = next(reader, None)
    if header is None:
        return
    columns = {_ALIASES.get(h.strip().lower().replace("_", "").replace(" ", "")): n for n, h in enumerate(header)}
    missing = [c for c in ("claim_id", "date", "code") if c not in columns]
    if missing:
        raise LoadError(
            path, 1, None, f"a header with claim_id, date, code (and line_id, modifiers, units); no {missing}"
        )
    done: set[str] = set()
    rows: list[tuple[int, list[str]]] = []
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        claim_id = row[columns["claim_id"]].strip() if len(row) > columns["claim_id"] else ""
        if rows and claim_id != _cell(rows[0][1], columns, "claim_id"):
            yield _csv_claim(path, columns, rows)
            done.add(_cell(rows[0][1], columns, "claim_id"))
            rows = []
        if claim_id in done:
            raise LoadError(path, line, "claim_id", "the rows of a claim to be consecutive", claim_id)
        if len(rows) >= MAX_LINES:
            raise LoadError(path, line, "claim_id", f"at most {MAX_LINES} lines per claim", claim_id)
        rows.append((line, row))
    if rows:
        yield _csv_claim(path, columns, rows)


def _cell(row: list[str], columns: dict[str | None, int], name: str) -> str:
    n = columns.get(name)
    return row[n].strip() if n is not None and n < len(row) else ""


def _csv_claim(path: Path, columns: dict[str | None, int], rows: list[tuple[int, list[str]]]) -> FileClaim:
    first_line, first = rows[0]
    lines = [
        RawLine(
            id=_cell(row, columns, "line_id") or None,
            code=_cell(row, columns, "code"),
            system=_cell(row, columns, "system").upper() or None,
            modifiers=[m for m in _MODIFIER_SPLIT.split(_cell(row, columns, "modifiers")) if m],
            units=_units(path, line, "units", _cell(row, columns, "units")),
            date_of_service=parse_day(path, line, "date", _cell(row, columns, "date")),
        )
        for line, row in rows
    ]
    claim = RawClaim(
        date_of_service=lines[0].date_of_service or parse_day(path, first_line, "date", ""),
        lines=lines,
        setting=_setting(_cell(first, columns, "setting")),
        claim_id=_cell(first, columns, "claim_id") or None,
    )
    return FileClaim(claim, first_line, tuple(line for line, _ in rows))


def _ndjson(path: Path, f: TextIO) -> Iterator[FileClaim]:
    for n, text in enumerate(f, start=1):
        if not text.strip():
            continue
        try:
            value: Any = json.loads(text)
        except json.JSONDecodeError as exc:
            raise LoadError(path, n, None, f"one JSON object per line ({exc.msg})") from None
        if not isinstance(value, dict) or not isinstance(value.get("lines"), list):
            raise LoadError(path, n, "lines", "an object with a list of lines")
        lines = []
        for item in value["lines"]:
            if not isinstance(item, dict) or not isinstance(item.get("code"), str):
                raise LoadError(path, n, "lines.code", "each line an object with a code")
            modifiers = item.get("modifiers") or []
            lines.append(
                RawLine(
                    id=str(item["id"]) if item.get("id") is not None else None,
                    code=item["code"],
                    system=str(item["system"]).upper() if item.get("system") else None,
                    modifiers=[str(m) for m in modifiers] if isinstance(modifiers, list) else [str(modifiers)],
                    units=_units(path, n, "units", item.get("units", 1)),
                    date_of_service=parse_day(path, n, "lines.dateOfService", item["dateOfService"])
                    if item.get("dateOfService")
                    else None,
                )
            )
        claim = RawClaim(
            date_of_service=parse_day(path, n, "dateOfService", value.get("dateOfService")),
            lines=lines,
            setting=_setting(value.get("setting")),
            claim_id=str(value["claimId"]) if value.get("claimId") is not None else None,
        )
        yield FileClaim(claim, n, (n,) * len(lines))
