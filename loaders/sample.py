"""The project's own sample graph (loaders/sample_data/sample.yaml), written through the real loaders' writers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from loaders.aoc import AddOnEdit, write_add_on_edits
from loaders.code_forms import display_form
from loaders.errors import LoadError
from loaders.gem import DIRECTIONS, GemEntry, write_gem_entries
from loaders.mue import MueEdit, write_mue_edits
from loaders.ptp import PtpEdit, write_ptp_edits
from loaders.sink import Sink

SAMPLE_PATH = Path(str(resources.files(__package__) / "sample_data" / "sample.yaml"))
SOURCE = "sample"


@dataclass(frozen=True, slots=True)
class Sample:
    label: str
    codes: list[dict[str, Any]]
    add_ons: list[AddOnEdit]
    ptp: list[PtpEdit]
    mue: list[MueEdit]
    gems: dict[str, list[GemEntry]]
    modifiers: list[dict[str, Any]]


def _entries(path: Path, doc: dict[str, Any], key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    for index, entry in enumerate(doc.get(key) or [], start=1):
        if not isinstance(entry, dict):
            raise LoadError(path, None, f"{key}[{index}]", "a mapping", entry)
        yield index, entry


def _gems(path: Path, doc: dict[str, Any]) -> dict[str, list[GemEntry]]:
    by_direction: dict[str, list[GemEntry]] = {}
    systems = {pair: name for name, pair in DIRECTIONS.items()}
    for index, entry in _entries(path, doc, "gems"):
        pair = (entry["from"]["system"], entry["to"]["system"])
        if pair not in systems:
            raise LoadError(path, None, f"gems[{index}]", f"one of {sorted(systems)}", pair)
        flags = str(entry["flags"])
        by_direction.setdefault(systems[pair], []).append(
            GemEntry(
                index,
                entry["from"]["code"],
                entry["to"]["code"],
                flags[0] == "1",
                False,
                flags[2] == "1",
                int(flags[3]),
                int(flags[4]),
            )
        )
    return by_direction


def parse_sample(path: Path = SAMPLE_PATH) -> Sample:
    doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    codes = []
    for index, entry in _entries(path, doc, "codes"):
        for required in ("system", "code", "short", "plain"):
            if required not in entry:
                raise LoadError(path, None, f"codes[{index}].{required}", "a value")
        codes.append(entry)
    return Sample(
        label=str(doc["release"]),
        codes=codes,
        add_ons=[
            AddOnEdit(
                i,
                e["addOn"],
                e["primary"],
                e["type"],
                e["effective"],
                e.get("deletion"),
                e.get("addOnDeletion"),
                e.get("primaryDeletion"),
                e.get("notes"),
            )
            for i, e in _entries(path, doc, "addOns")
        ],
        ptp=[
            PtpEdit(
                i,
                e["column1"],
                e["column2"],
                bool(e.get("prior1996")),
                e["effective"],
                e.get("deletion"),
                e["modifier"],
                e["rationale"],
            )
            for i, e in _entries(path, doc, "ptp")
        ],
        mue=[
            MueEdit(i, e["code"], e["value"], int(e["indicator"][0]), e["indicator"], e["rationale"])
            for i, e in _entries(path, doc, "mue")
        ],
        gems=_gems(path, doc),
        modifiers=[entry for _, entry in _entries(path, doc, "modifiers")],
    )


def _code_row(entry: dict[str, Any]) -> dict[str, Any]:
    added: date | None = entry.get("added")
    return {
        "system": entry["system"],
        "code": entry["code"],
        "display": display_form(entry["system"], entry["code"]),
        "short": entry["short"],
        "plain": entry["plain"],
        "billable": entry.get("billable"),
        "added": added,
        "terminated": entry.get("terminated"),
    }


async def write_sample(batcher: Sink, sample: Sample) -> None:
    for entry in sample.codes:
        await batcher.add("merge_sample_codes", _code_row(entry))
        batcher.count_source_row()
    await batcher.flush()  # parents must exist before the hierarchy links them
    for entry in sample.codes:
        if entry.get("parent"):
            await batcher.add("merge_code_parents", {**entry, "parent": entry["parent"]})
    for modifier in sample.modifiers:
        await batcher.add(
            "merge_modifiers", {**modifier, "added": modifier.get("added"), "terminated": modifier.get("terminated")}
        )
        batcher.count_source_row()
    await write_add_on_edits(batcher, sample.add_ons)
    await write_ptp_edits(batcher, sample.ptp, "practitioner")
    await write_mue_edits(batcher, sample.mue, "practitioner")
    for direction, entries in sample.gems.items():
        await write_gem_entries(batcher, entries, direction)
