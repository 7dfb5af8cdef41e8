"""NCCI add-on code (AOC) edits: the CMS workbook (notice row, Julian dates) and its CSV/TXT forms."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from loaders.code_forms import procedure_ref, procedure_system, validity
from loaders.errors import LoadError
from loaders.guard import file_records
from loaders.sink import Sink
from loaders.tabular import iter_records, parse_date, parse_int

CONTRACTOR_DEFINED = "CCCCC"


@dataclass(frozen=True, slots=True)
class AddOnEdit:
    line: int
    add_on: str
    primary: str  # CCCCC: the contractor defines the primaries
    type: int
    effective: date
    deletion: date | None = None
    add_on_deletion: date | None = None
    primary_deletion: date | None = None
    notes: str | None = None


def _is_header(keys: list[str]) -> bool:
    return "addoncode" in keys and "primarycode" in keys


def _code(path: Path, line: int, field: str, raw: str, allow_contractor: bool = False) -> str:
    code = raw.strip().upper()
    if (allow_contractor and code == CONTRACTOR_DEFINED) or procedure_system(code):
        return code
    raise LoadError(path, line, field, "a CPT or HCPCS code (5 characters)", raw)


@file_records("an NCCI add-on code edit table (xlsx, CSV or TXT)")
def parse_aoc(path: Path) -> Iterator[AddOnEdit]:
    for line, row in iter_records(path, _is_header, "the AOC file (Add-On_Code, Primary_Code, ...)"):
        effective = parse_date(path, line, "AOC_Edit_EffDT", row.get("aocediteffdt", ""))
        if effective is None:
            raise LoadError(path, line, "AOC_Edit_EffDT", "the edit's effective date", "")
        yield AddOnEdit(
            line=line,
            add_on=_code(path, line, "Add-On_Code", row.get("addoncode", "")),
            primary=_code(path, line, "Primary_Code", row.get("primarycode", ""), allow_contractor=True),
            type=parse_int(path, line, "AOC_Edit_Type", row.get("aocedittype", ""), {1, 2, 3}),
            effective=effective,
            deletion=parse_date(path, line, "AOC_Edit_DelDT", row.get("aoceditdeldt", "")),
            add_on_deletion=parse_date(path, line, "AOC_DelDT", row.get("aocdeldt", "")),
            primary_deletion=parse_date(path, line, "Primary_Code_DelDT", row.get("primarycodedeldt", "")),
            notes=row.get("specialinstructionnotes") or None,
        )


def _row(edit: AddOnEdit) -> dict[str, Any]:
    valid_from, valid_to = validity(edit.effective, edit.deletion)
    return {
        "type": edit.type,
        "effectiveDate": edit.effective,
        "deletionDate": edit.deletion,
        "validFrom": valid_from,
        "validTo": valid_to,
        "addOnDeletionDate": edit.add_on_deletion,
        "primaryDeletionDate": edit.primary_deletion,
        "notes": edit.notes,
        "line": edit.line,
    }


async def write_add_on_edits(batcher: Sink, edits: Iterable[AddOnEdit]) -> None:
    for edit in edits:
        if edit.primary == CONTRACTOR_DEFINED:
            await batcher.add("create_contractor_primaries", _row(edit), a=procedure_ref(edit.add_on))
        else:
            await batcher.add(
                "create_addon_edges", _row(edit), a=procedure_ref(edit.add_on), b=procedure_ref(edit.primary)
            )
        batcher.count_source_row()
