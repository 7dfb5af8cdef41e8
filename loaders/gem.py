"""CMS General Equivalence Mappings (GEMs): four fixed-layout files, one per direction, with five flags."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from loaders.errors import LoadError
from loaders.guard import file_records
from loaders.sink import Sink

# direction name -> (source system, target system)
DIRECTIONS: dict[str, tuple[str, str]] = {
    "icd9cm-icd10cm": ("ICD9CM", "ICD10CM"),
    "icd10cm-icd9cm": ("ICD10CM", "ICD9CM"),
    "icd9proc-icd10pcs": ("ICD9PROC", "ICD10PCS"),
    "icd10pcs-icd9proc": ("ICD10PCS", "ICD9PROC"),
}
NO_MAP_TARGETS = {"NoDx", "NoPCS", "NoI9"}
_FILE_HINTS = (
    ("i9gem", "icd9cm-icd10cm"),
    ("i10gem", "icd10cm-icd9cm"),
    ("i9pcs", "icd9proc-icd10pcs"),
    ("pcsi9", "icd10pcs-icd9proc"),
)
_FLAGS = re.compile(r"^[01][01][01]\d\d$")
_ICD9_DX = re.compile(r"^(\d{3,5}|V\d{2,4}|E\d{3,4})$")


@dataclass(frozen=True, slots=True)
class GemEntry:
    line: int
    source: str
    target: str | None  # None: the source has no map in this direction
    approximate: bool
    no_map: bool
    combination: bool
    scenario: int
    choice_list: int


def _split(path: Path, number: int, text: str) -> tuple[str, str, str]:
    parts = text.split()
    if len(parts) != 3 or not _FLAGS.match(parts[2]):
        raise LoadError(path, number, None, "source code, target code and 5 flag digits", text)
    return parts[0], parts[1], parts[2]


def detect_direction(path: Path) -> str:
    """From the CMS file name when it says, otherwise from the shape of the codes."""
    name = path.name.lower()
    for hint, direction in _FILE_HINTS:
        if hint in name:
            return direction
    with path.open(encoding="ascii", errors="replace") as handle:
        rows = [_split(path, n, t) for n, t in enumerate(handle, 1) if t.strip()][:500]
    if not rows:
        raise LoadError(path, None, None, "at least one mapping row")
    targets = {t for _, t, _ in rows}
    if "NoPCS" in targets or all(len(s) <= 4 and len(t) == 7 for s, t, _ in rows):
        return "icd9proc-icd10pcs"
    if "NoI9" in targets or all(len(s) == 7 and (len(t) <= 4 or t == "NoI9") for s, t, _ in rows):
        return "icd10pcs-icd9proc"
    if all(_ICD9_DX.match(s) for s, _, _ in rows):
        return "icd9cm-icd10cm"
    return "icd10cm-icd9cm"


@file_records("a CMS GEM file")
def parse_gem(path: Path) -> Iterator[GemEntry]:
    with path.open(encoding="ascii", errors="strict", newline="") as handle:
        for number, text in enumerate(handle, start=1):
            if not text.strip() or text.strip() == "\x1a":
                continue
            source, target, flags = _split(path, number, text)
            # The target decides: 29 PCS->ICD-9 rows say NoI9 with the no-map flag 0.
            no_map = target in NO_MAP_TARGETS or flags[1] == "1"
            yield GemEntry(
                line=number,
                source=source,
                target=None if no_map else target,
                approximate=flags[0] == "1",
                no_map=no_map,
                combination=flags[2] == "1",
                scenario=int(flags[3]),
                choice_list=int(flags[4]),
            )


def _row(entry: GemEntry, target_system: str) -> dict[str, Any]:
    return {
        "targetSystem": target_system,
        "approximate": entry.approximate,
        "combination": entry.combination,
        "scenario": entry.scenario,
        "choiceList": entry.choice_list,
        "line": entry.line,
    }


async def write_gem_entries(batcher: Sink, entries: Iterable[GemEntry], direction: str) -> None:
    source_system, target_system = DIRECTIONS[direction]
    for entry in entries:
        source = (source_system, entry.source)
        if entry.target is None:
            await batcher.add("create_gem_no_maps", _row(entry, target_system), a=source)
        else:
            target = (target_system, entry.target)
            await batcher.add("create_gem_maps", _row(entry, target_system), a=source, b=target)
        batcher.count_source_row()
