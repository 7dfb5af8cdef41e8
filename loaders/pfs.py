"""Physician Fee Schedule RVU file (PPRRVU): status, global days and the indicators that make modifiers apply."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from loaders.code_entries import CodeEntry
from loaders.code_forms import procedure_system
from loaders.errors import LoadError
from loaders.guard import file_records
from loaders.sink import Sink
from loaders.tabular import iter_rows

# Column positions of the official layout (the labels are split over several title lines).
HCPCS, MOD, DESCRIPTION, STATUS, PCTC, GLOBAL = 0, 1, 2, 3, 13, 14
MULT_PROC, BILAT_SURG, ASST_SURG, CO_SURG, TEAM_SURG = 18, 19, 20, 21, 22
GLOBAL_DAYS = {"000", "010", "090", "XXX", "YYY", "ZZZ", "MMM"}

# (column, indicator values) -> (modifiers that apply, what the indicator means); from the PFS RVU file notes.
RULES: list[tuple[str, int, dict[str, tuple[tuple[str, ...], str]]]] = [
    ("PCTC IND", PCTC, {
        "1": (("26", "TC"), "diagnostic test with professional and technical components"),
        "6": (("26",), "laboratory physician interpretation"),
        "8": (("26",), "physician interpretation"),
    }),
    ("MULT PROC", MULT_PROC, {
        "1": (("51",), "multiple procedure rules (pre-1995)"),
        "2": (("51",), "standard multiple procedure payment reduction"),
        "3": (("51",), "special endoscopy multiple procedure rules"),
    }),
    ("BILAT SURG", BILAT_SURG, {
        "1": (("50",), "150% payment adjustment for bilateral procedures"),
        "3": (("50",), "each side paid in full"),
    }),
    # ASST SURG 0 (paid only with documentation) is on most non-surgical codes too; listing 80/82/AS on a
    # chest X-ray would be noise, so only 2 (assistant may be paid) implies them.
    ("ASST SURG", ASST_SURG, {
        "2": (("80", "82", "AS"), "assistant at surgery may be paid"),
    }),
    ("CO-SURG", CO_SURG, {
        "1": (("62",), "co-surgeons paid with supporting documentation"),
        "2": (("62",), "co-surgeons permitted"),
    }),
    ("TEAM SURG", TEAM_SURG, {
        "1": (("66",), "team surgery paid with supporting documentation"),
        "2": (("66",), "team surgeons permitted"),
    }),
]  # fmt: skip


@dataclass(frozen=True, slots=True)
class PfsRow:
    line: int
    code: str
    status: str
    global_days: str
    indicators: dict[str, str]
    description: str


def _is_header(cells: list[str]) -> bool:
    return len(cells) > TEAM_SURG and cells[HCPCS].upper() == "HCPCS" and cells[MOD].upper() == "MOD"


@file_records("a PFS RVU file")
def parse_pfs(path: Path) -> Iterator[PfsRow]:
    """One row per code: the row without a modifier (26/TC/53 rows are that code's components)."""
    seen_header = False
    for line, cells in iter_rows(path):
        if not seen_header:
            seen_header = _is_header(cells)
            continue
        if not any(c and c != "\x1a" for c in cells) or cells[MOD]:
            continue
        code = cells[HCPCS].upper()
        if not procedure_system(code) and not (len(code) == 5 and code[0] == "D"):
            raise LoadError(path, line, "HCPCS", "a CPT, HCPCS or CDT code (5 characters)", code)
        if len(cells) <= TEAM_SURG:
            raise LoadError(path, line, None, f"{TEAM_SURG + 1} columns or more", f"{len(cells)} columns")
        days = cells[GLOBAL].upper()
        if days not in GLOBAL_DAYS:
            raise LoadError(path, line, "GLOB DAYS", f"one of {', '.join(sorted(GLOBAL_DAYS))}", days)
        indicators = {name: cells[column] for name, column, _ in RULES}
        yield PfsRow(line, code, cells[STATUS], days, indicators, cells[DESCRIPTION])
    if not seen_header:
        raise LoadError(path, None, None, "the PPRRVU header row (HCPCS, MOD, DESCRIPTION, ...)")


# The indicators as stated, so a claim check can tell "not allowed" (e.g. BILAT SURG 0) from "not in the file".
INDICATOR_PROPS = {
    "PCTC IND": "pctcIndicator",
    "MULT PROC": "multipleProcedure",
    "BILAT SURG": "bilateralSurgery",
    "ASST SURG": "assistantSurgery",
    "CO-SURG": "coSurgery",
    "TEAM SURG": "teamSurgery",
}


def code_props(row: PfsRow) -> dict[str, object]:
    indicators = {prop: row.indicators[name] for name, prop in INDICATOR_PROPS.items() if row.indicators.get(name)}
    return {
        "pfsStatus": row.status,
        "globalDays": row.global_days,
        "addOnCandidate": row.global_days == "ZZZ",
        **indicators,
    }


def modifier_rows(row: PfsRow) -> Iterator[dict[str, str]]:
    for name, _, meanings in RULES:
        value = row.indicators[name]
        if value in meanings:
            modifiers, meaning = meanings[value]
            for modifier in modifiers:
                yield {"modifier": modifier, "field": name, "value": value, "meaning": meaning}


def entry(row: PfsRow) -> CodeEntry:
    system = procedure_system(row.code) or "HCPCS"
    return CodeEntry(system, row.code, None, None, props=code_props(row))


async def write_pfs(sink: Sink, paths: Sequence[Path]) -> None:
    for path in paths:
        for row in parse_pfs(path):
            code = entry(row)
            modifiers = list(modifier_rows(row))
            await sink.add(
                "set_pfs_indicators", {"props": code.props, "modifiers": modifiers}, a=(code.system, code.code)
            )
            sink.count_source_row()
