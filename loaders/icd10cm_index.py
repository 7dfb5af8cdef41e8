"""ICD-10-CM index XMLs: Table of Drugs and Chemicals, Neoplasm Table, External Cause (and Alphabetic) Index.

Every code a term's cell (tables) or <code> (indexes) names becomes an index entry: the term's path from its
main term, the column heading, and the code as printed; the entry links to the code it names.
"""

from __future__ import annotations

import re
import xml.parsers.expat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from loaders.errors import LoadError
from loaders.guard import file_records
from loaders.sink import Sink

ROOT = "ICD10CM.index"
_TERMS = {"mainTerm", "term"}
_EMPTY = {"", "-", "--"}
_CODE = re.compile(r"^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{0,4})?(\.?-)?$")
_NAMES = (("drug", "drug"), ("neoplasm", "neoplasm"), ("eindex", "eindex"))


@dataclass(frozen=True, slots=True)
class IndexEntry:
    line: int
    path: tuple[str, ...]  # main term first
    heading: str | None  # the table column (Poisoning Accidental (unintentional), Malignant Primary, ...)
    named: str  # as printed: T39.1X1, C79.8-
    code: str  # stored form: T391X1, C798


def index_name(path: Path, first_heading: str | None, title: str | None) -> str:
    """drug, neoplasm, eindex, or index (the Alphabetic Index), from the file's own headings, then its name."""
    if first_heading == "Substance":
        return "drug"
    if first_heading == "Neoplasm":
        return "neoplasm"
    if title and "External Cause" in title:
        return "eindex"
    lowered = path.name.lower()
    return next((name for hint, name in _NAMES if hint in lowered), "index")


@dataclass
class _State:
    path: Path
    entries: list[IndexEntry] = field(default_factory=list)
    elements: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    headings: dict[str, str] = field(default_factory=dict)
    text: list[str] = field(default_factory=list)
    column: str | None = None
    title: str | None = None


def _clean(parts: list[str]) -> str:
    return " ".join(" ".join(parts).split()).replace("( ", "(").replace(" )", ")")


def _handlers(state: _State, parser: Any) -> None:
    def start(name: str, attrs: dict[str, str]) -> None:
        state.elements.append(name)
        if name in _TERMS:
            state.terms.append("")
        if name in {"title", "cell", "code", "head"}:
            state.text = []
            state.column = attrs.get("col")

    def end(name: str) -> None:
        state.elements.pop()
        parent = state.elements[-1] if state.elements else None
        if name in _TERMS:
            state.terms.pop()
        elif name == "title" and parent in _TERMS:
            state.terms[-1] = _clean(state.text)
        elif name == "title" and parent == ROOT:
            state.title = _clean(state.text)
        elif name == "head" and state.column:
            state.headings[state.column] = _clean(state.text)
        elif name in {"cell", "code"} and parent in _TERMS:
            _entry(state, name, "".join(state.text).strip(), parser.CurrentLineNumber)

    def text(data: str) -> None:
        if state.elements and state.elements[-1] in {"title", "nemod", "cell", "code", "head"}:
            state.text.append(data)

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text


def _entry(state: _State, kind: str, named: str, line: int) -> None:
    if named in _EMPTY:
        return
    if not _CODE.match(named):
        raise LoadError(state.path, line, kind, "an ICD-10-CM code (T39.1X1, C79.8-) or '--'", named)
    heading = state.headings.get(state.column or "") if kind == "cell" else None
    code = named.rstrip("-").replace(".", "")
    state.entries.append(IndexEntry(line, tuple(t for t in state.terms if t), heading, named, code))


@file_records("an ICD-10-CM index XML")
def parse_index(path: Path) -> Iterator[IndexEntry]:
    """Streams the entries of one index XML, a chunk of the file at a time."""
    state = _State(path)
    parser = xml.parsers.expat.ParserCreate()
    _handlers(state, parser)
    with path.open("rb") as handle:
        try:
            for chunk in iter(lambda: handle.read(1 << 16), b""):
                parser.Parse(chunk, False)
                yield from state.entries
                state.entries.clear()
            parser.Parse(b"", True)
        except xml.parsers.expat.ExpatError as exc:
            raise LoadError(
                path, exc.lineno, None, "well-formed XML", xml.parsers.expat.errors.messages[exc.code]
            ) from exc
    yield from state.entries


def describe(path: Path) -> str:
    """The index a file holds, read from its first lines (headings and title come before any term)."""
    state = _State(path)
    parser = xml.parsers.expat.ParserCreate()
    _handlers(state, parser)
    with path.open("rb") as handle:
        head = handle.read(1 << 14)
    try:
        parser.Parse(head, False)
    except xml.parsers.expat.ExpatError as exc:
        raise LoadError(path, exc.lineno, None, "well-formed XML", xml.parsers.expat.errors.messages[exc.code]) from exc
    return index_name(path, state.headings.get("1"), state.title)


def is_index(path: Path) -> bool:
    with path.open("rb") as handle:
        return f"<{ROOT}>".encode() in handle.read(512)


async def write_index_entries(batcher: Sink, entries: Iterator[IndexEntry], index: str) -> None:
    for entry in entries:
        path = " > ".join(entry.path)
        text = f"{path} | {entry.heading}" if entry.heading else path
        row = {"index": index, "path": path, "heading": entry.heading, "named": entry.named, "text": text}
        await batcher.add("create_term_entries", {**row, "line": entry.line}, a=("ICD10CM", entry.code))
        batcher.count_source_row()
