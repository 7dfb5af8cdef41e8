"""ICD-9-CM v32 long-title files: diagnoses (CMS32_DESC_LONG_DX) and procedures (CMS32_DESC_LONG_SG)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from loaders.code_entries import CodeEntry
from loaders.errors import LoadError
from loaders.guard import file_records
from loaders.tabular import text_encoding

_DX = re.compile(r"^(\d{3,5}|V\d{2,4}|E\d{3,4})$")
_PROC = re.compile(r"^\d{2,4}$")


def detect_system(path: Path) -> str:
    name = path.name.upper()
    if "_SG" in name or "PROC" in name or "PCS" in name:
        return "ICD9PROC"
    if "_DX" in name:
        return "ICD9CM"
    with path.open(encoding=text_encoding(path), errors="replace") as handle:  # parse_icd9 reports bad bytes
        codes = [line.split(maxsplit=1)[0] for line in handle if line.strip()]
    return "ICD9CM" if any(len(c) == 5 or c[0] in "VE" for c in codes) else "ICD9PROC"


@file_records("an ICD-9-CM long-title file")
def parse_icd9(path: Path, system: str) -> Iterator[CodeEntry]:
    pattern = _DX if system == "ICD9CM" else _PROC
    with path.open(encoding=text_encoding(path), newline="") as handle:
        for number, raw in enumerate(handle, start=1):
            text = raw.rstrip("\r\n")
            if not text.strip():
                continue
            parts = text.split(maxsplit=1)
            if len(parts) != 2 or not pattern.match(parts[0]):
                raise LoadError(path, number, "code", f"an {system} code followed by its title", text)
            yield CodeEntry(system, parts[0], None, parts[1].strip(), True)
