"""ICD-10-CM and ICD-10-PCS addenda: the adds, deletes and title revisions between two fiscal years.

Order-file addenda carry the billable flag and the short and long titles; codes-file addenda (both code
sets) carry the long title only. They apply as a release of their own (`icd10cm_addenda`,
`icd10pcs_addenda`): added codes exist from the fiscal year's first day (1 October of the year before),
deleted codes end the day before; a code deleted and added back (a billable code turned header) stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from loaders.code_forms import display_form
from loaders.errors import LoadError
from loaders.guard import file_records
from loaders.sink import Sink

_ACTIONS = {"Add:": "add", "Delete:": "delete", "Revise from:": "revise_from", "Revise to:": "revise"}
_PREFIX = 13
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


@dataclass(frozen=True, slots=True)
class Change:
    line: int
    action: str  # add, delete, revise_from, revise
    code: str
    billable: bool | None
    short: str | None
    long: str


def fiscal_year_start(path: Path, year: int | None = None) -> date:
    """FY YYYY begins on 1 October of YYYY-1; the year comes from the file name (…-addenda-2023.txt)."""
    if year is None:
        found = _YEAR.findall(path.name)
        if not found:
            raise LoadError(path, None, "file name", "the fiscal year in the name, as CMS names it (…addenda-2023.txt)")
        year = int(found[-1])
    return date(year - 1, 10, 1)


def system_of(path: Path) -> str:
    """From the CMS file name (icd10pcs, pcs), else from the codes: a PCS code may start with a digit and is
    always 7 characters; an ICD-10-CM code starts with a letter and is often shorter."""
    name = path.name.lower()
    if "pcs" in name:
        return "ICD10PCS"
    if "icd10cm" in name:
        return "ICD10CM"
    seen = False
    for change in parse_addenda(path):
        seen = True
        if change.code[0].isdigit():
            return "ICD10PCS"
        if len(change.code) < 7:
            return "ICD10CM"
    if not seen:
        raise LoadError(path, None, None, "at least one Add:, Delete: or Revise line")
    return "ICD10PCS"


def is_addenda(path: Path) -> bool:
    with path.open("rb") as handle:
        head = handle.read(4096).decode("cp1252", errors="replace")
    return any(line.startswith(tuple(_ACTIONS)) for line in head.splitlines())


@file_records("an ICD-10 addenda file")
def parse_addenda(path: Path) -> Iterator[Change]:
    with path.open(encoding="cp1252", newline="") as handle:
        for number, raw in enumerate(handle, start=1):
            text = raw.rstrip("\r\n")
            action = next((a for prefix, a in _ACTIONS.items() if text.startswith(prefix)), None)
            if action is None:
                continue  # the summary block and blank lines
            body = text[_PREFIX:]
            order_file = len(body) > 2 and body[0] in "01" and body[1] == " "
            if order_file:
                code, short, long = body[2:9].strip(), body[10:70].strip(), body[71:].strip()
            else:
                code, short, long = body[:7].strip(), None, body[8:].strip()
            if not re.fullmatch(r"[0-9A-Z]{3,7}", code) or not long:
                raise LoadError(path, number, "code", "a code (3-7 letters or digits) and its title", text)
            billable = body[0] == "1" if order_file else None
            yield Change(number, action, code, billable, short or None, long)


async def write_addenda(batcher: Sink, changes: Iterator[Change], system: str, starts: date) -> None:
    final: dict[str, Change] = {}
    for change in changes:
        batcher.count_source_row()
        if change.action != "revise_from":
            final[change.code] = change  # the last word on a code wins: Delete then Add keeps it
    for code, change in final.items():
        if change.action == "delete":
            ends = (starts - timedelta(days=1)).isoformat()
            await batcher.add(
                "set_deleted_codes",
                {"system": system, "code": code, "display": display_form(system, code), "ends": ends},
            )
            continue
        parent = code[:3] if system == "ICD10PCS" else code[:-1] if len(code) > 3 else None
        row: dict[str, object] = {"system": system, "code": code, "display": display_form(system, code)}
        row |= {"parent": parent, "short": change.short, "long": change.long, "billable": change.billable}
        await batcher.add("merge_addenda_codes", {**row, "starts": starts.isoformat()})
