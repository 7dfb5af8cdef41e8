"""CPT data files as the AMA delivers them to licensees: tab-delimited code + descriptor.

This repository holds no CPT descriptor text; these files come only from a licensee. A file is one
descriptor kind (LONGULT, MEDU, SHORTU, consumer, clinician) named by its file name or by a header
row, or one file whose header names several kinds.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from loaders.code_forms import procedure_system
from loaders.errors import LoadError
from loaders.guard import file_records
from loaders.sink import Sink
from loaders.tabular import header_key, text_encoding

# descriptor kind -> Code property
KINDS = {
    "long": "longDescription",
    "medium": "mediumDescription",
    "short": "shortDescription",
    "consumer": "consumerDescription",
    "clinician": "clinicianDescriptors",
}
_NAME_HINTS = (("clinician", "clinician"), ("consumer", "consumer"), ("long", "long"), ("med", "medium"),
               ("short", "short"))  # fmt: skip
_CODE = re.compile(r"^\d{4}[0-9AFMTU]$")


@dataclass(frozen=True, slots=True)
class CptDescriptor:
    line: int
    code: str
    kind: str
    text: str


def _kind_of_header(key: str) -> str | None:
    for hint, kind in _NAME_HINTS:
        if hint in key and "id" not in key.replace("descriptor", ""):
            return kind
    return None


def _kind_of_name(path: Path) -> str | None:
    lowered = path.stem.lower()
    return next((kind for hint, kind in _NAME_HINTS if hint in lowered), None)


@file_records("an AMA CPT descriptor file")
def parse_cpt(path: Path, kind: str | None = None) -> Iterator[CptDescriptor]:
    with path.open(encoding=text_encoding(path), newline="") as handle:
        rows = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        columns: dict[int, str] | None = None
        code_column = 0
        for line, cells in enumerate(rows, start=1):
            if not any(c.strip() for c in cells):
                continue
            first = cells[0].strip()
            if columns is None and not _CODE.match(first):
                keys = [header_key(c) for c in cells]
                if any("code" in k for k in keys):  # a header row: which column is which
                    code_column = next(i for i, k in enumerate(keys) if "code" in k and "concept" not in k)
                    columns = {i: k for i, k in enumerate(map(_kind_of_header, keys)) if k and i != code_column}
                    continue
                raise LoadError(path, line, "code", "a CPT code (5 characters) or a header row", first)
            if columns is None:
                chosen = kind or _kind_of_name(path)
                if chosen is None or chosen not in KINDS:
                    raise LoadError(path, None, "--format", f"the descriptor kind, one of {', '.join(KINDS)}")
                columns = {1: chosen}
            code = cells[code_column].strip() if code_column < len(cells) else ""
            if not _CODE.match(code) or procedure_system(code) != "CPT":
                raise LoadError(path, line, "code", "a CPT code (5 characters)", code)
            for index, descriptor_kind in columns.items():
                if index < len(cells) and cells[index].strip():
                    yield CptDescriptor(line, code, descriptor_kind, cells[index].strip())


async def write_cpt(sink: Sink, paths: Sequence[Path], kind: str | None = None) -> None:
    """One file per descriptor kind: a code's descriptors are gathered first (bounded by the ~11k CPT codes)."""
    by_code: dict[str, dict[str, str | list[str]]] = {}
    for path in paths:
        for d in parse_cpt(path, kind):
            props = by_code.setdefault(d.code, {})
            if d.kind == "clinician":
                clinician = props.setdefault(KINDS[d.kind], [])
                assert isinstance(clinician, list)
                clinician.append(d.text)
            else:
                props[KINDS[d.kind]] = d.text
            sink.count_source_row()
    for code, props in by_code.items():
        await sink.add("merge_cpt_descriptors", {"code": code, "props": props})
