"""NCCI medically unlikely edits (MUE): CSV with a notice record and a header cell holding a line break."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from loaders.code_forms import procedure_ref, procedure_system
from loaders.errors import LoadError
from loaders.guard import file_records
from loaders.sink import Sink
from loaders.tabular import iter_records

SETTINGS = ("practitioner", "hospital", "dme")


@dataclass(frozen=True, slots=True)
class MueEdit:
    line: int
    code: str
    value: int
    indicator: int
    indicator_text: str
    rationale: str


def _value_key(keys: list[str]) -> str | None:
    return next((k for k in keys if k.endswith("muevalues") or k.endswith("muevalue")), None)


def _is_header(keys: list[str]) -> bool:
    return any("cptcode" in k or k == "hcpcs" for k in keys) and _value_key(keys) is not None


def setting_of_header(value_key: str) -> str | None:
    if value_key.startswith("practitioner"):
        return "practitioner"
    if "hospital" in value_key or "facility" in value_key:
        return "hospital"
    if value_key.startswith("dme"):
        return "dme"
    return None


def setting_of_file(path: Path) -> str | None:
    """The setting a CMS MUE table names in its value column header, if the file says."""
    for _, row in iter_records(path, _is_header, "the MUE table (HCPCS/CPT Code, MUE Values, ...)"):
        return setting_of_header(_value_key(list(row)) or "")
    return None


@file_records("an NCCI MUE table")
def parse_mue(path: Path) -> Iterator[MueEdit]:
    for line, row in iter_records(path, _is_header, "the MUE table (HCPCS/CPT Code, MUE Values, ...)"):
        code_key = next(k for k in row if "cptcode" in k or k == "hcpcs")
        value_key = _value_key(list(row)) or ""
        code = row[code_key].upper()
        if not procedure_system(code):
            raise LoadError(path, line, "HCPCS/CPT Code", "a CPT or HCPCS code (5 characters)", code)
        raw_value = row.get(value_key, "")
        if not raw_value.isdigit():
            raise LoadError(path, line, "MUE Values", "a whole number of units", raw_value)
        text = row.get("mueadjudicationindicator", "")
        if not text[:1].isdigit():
            raise LoadError(path, line, "MUE Adjudication Indicator", "text starting with 1, 2 or 3", text)
        yield MueEdit(line, code, int(raw_value), int(text[0]), text, row.get("muerationale", ""))


async def write_mue_edits(batcher: Sink, edits: Iterable[MueEdit], setting: str) -> None:
    for edit in edits:
        await batcher.add(
            "create_mue_facts",
            {
                "setting": setting,
                "value": edit.value,
                "adjudicationIndicator": edit.indicator,
                "adjudicationText": edit.indicator_text,
                "rationale": edit.rationale,
                "line": edit.line,
            },
            a=procedure_ref(edit.code),
        )
        batcher.count_source_row()
