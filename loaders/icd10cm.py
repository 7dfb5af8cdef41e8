"""ICD-10-CM order file (fixed width): order number, code, billable/header flag, short and long titles."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from loaders import icd10cm_tabular
from loaders.code_entries import CodeEntry, write_code_entries
from loaders.errors import LoadError
from loaders.guard import file_records
from loaders.sink import Sink
from loaders.tabular import text_encoding


@file_records("an ICD-10-CM order file")
def parse_order_file(path: Path) -> Iterator[CodeEntry]:
    """Columns: order 1-5, code 7-13, flag 15 (1 billable, 0 header), short 17-76, long 78-.

    The file is in code order, so a code's parent is the nearest header above it that prefixes it.
    """
    headers: list[str] = []
    with path.open(encoding=text_encoding(path), newline="") as handle:
        for number, raw in enumerate(handle, start=1):
            text = raw.rstrip("\r\n")
            if not text.strip():
                continue
            order, code, flag = text[0:5], text[6:13].strip(), text[14:15]
            if not order.isdigit() or len(text) < 17:
                raise LoadError(path, number, "order number (1-5)", "a 5-digit order number", text[:13])
            if len(text) < 78 or not text[77:].strip():  # a cut line: the padded short title ends at 76
                raise LoadError(path, number, "long title (78-)", "a whole line with its long title", text[16:])
            if not (3 <= len(code) <= 7 and code[0].isalpha() and code.isalnum()):
                raise LoadError(path, number, "code (7-13)", "an ICD-10-CM code without its dot", code)
            if flag not in {"0", "1"}:
                raise LoadError(path, number, "flag (15)", "1 (billable) or 0 (header)", flag)
            while headers and not code.startswith(headers[-1]):
                headers.pop()
            parent = headers[-1] if headers else None
            short, long = text[16:76].strip(), text[77:].strip()
            kind = "category" if len(code) == 3 else "code"
            yield CodeEntry(
                "ICD10CM",
                code,
                short,
                long or short,
                flag == "1",
                kind,
                parent=parent,
                props={"orderNumber": int(order)},
            )
            if flag == "0":
                headers.append(code)


def is_xml(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(256).lstrip().startswith(b"<")


async def write_icd10cm(sink: Sink, paths: Sequence[Path]) -> None:
    """Order files and tabular XMLs; the tabular's notes are written once every code they name exists."""
    notes: list[icd10cm_tabular.NoteRef] = []

    def codes_keeping_notes(path: Path) -> Iterator[CodeEntry]:
        if not is_xml(path):
            yield from parse_order_file(path)
            return
        for item in icd10cm_tabular.parse_tabular(path):
            if isinstance(item, CodeEntry):
                yield item
            else:
                notes.append(item)  # ~11k references

    for path in paths:
        await write_code_entries(sink, codes_keeping_notes(path))
    await sink.flush()
    for note in dict.fromkeys(notes):  # a note repeated at one code is one fact
        row = {"source": note.source, "kind": note.kind, "text": note.text, "target": note.target}
        await sink.add("create_note_refs", {**row, "named": note.named, "qualifier": note.qualifier})
