"""ICD-10-CM tabular XML: chapters, blocks, categories and codes; instructional notes; 7th characters."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from loaders.code_entries import CodeEntry
from loaders.errors import LoadError
from loaders.guard import file_records

NOTE_KINDS = {
    "includes": "INCLUDES",
    "inclusionTerm": "INCLUSION_TERM",
    "excludes1": "EXCLUDES1",
    "excludes2": "EXCLUDES2",
    "codeFirst": "CODE_FIRST",
    "useAdditionalCode": "USE_ADDITIONAL_CODE",
    "codeAlso": "CODE_ALSO",
}
_CODE = r"[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?"
# A code or range as notes write them, regular (E08.-, C00-C96) or not (I01.0 -I01.9, R10.1-R10.3-, I70.2--I70.7-,
# F11.-F17.-, I69.), with what follows "with" kept as a qualifier (S92.-with 7th character B, E08-E13 with .29).
_REF = re.compile(rf"^({_CODE})\.?-*(?:\s*-+\s*({_CODE})\.?-*)?$")
# the same, inside words ("conditions classified to I10-I16")
_REF_IN = re.compile(rf"(?<![A-Za-z0-9.])({_CODE})\.?-*(?:\s*-+\s*({_CODE})\.?-*)?(?![A-Za-z0-9])")
_QUALIFIED = re.compile(r"^(?P<ref>.*?)\s*(?P<qualifier>\bwith\b.*)$")
_PAREN = re.compile(r"\(([^()]*)\)")
_SEPARATORS = re.compile(r"[,;]|\.\s+(?=[A-Z][0-9])")


@dataclass(frozen=True, slots=True)
class NoteRef:
    """An instructional note on `source` that names a code or range (`target`, `block` when a range)."""

    source: str
    kind: str
    text: str
    target: str
    named: str
    qualifier: str | None = None


def references(text: str) -> list[tuple[str, str, str | None]]:
    """(target code or block, what the note wrote, qualifier or None) for each code or range a note names in
    parentheses; a qualifier is what follows "with" ("with 7th character B", "with .29")."""
    found = []
    for group in _PAREN.findall(text):
        for token in (t.strip() for t in _SEPARATORS.split(group)):
            qualified = _QUALIFIED.match(token)
            ref, qualifier = (qualified["ref"].strip(), qualified["qualifier"]) if qualified else (token, None)
            matches = [m] if (m := _REF.match(ref)) else list(_REF_IN.finditer(ref))
            for match in matches:
                start, end = match.group(1).replace(".", ""), match.group(2)
                target = f"{start}-{end.replace('.', '')}" if end else start
                found.append((target, token, qualifier))
    return found


def _notes(element: ET.Element) -> dict[str, list[str]]:
    notes: dict[str, list[str]] = {}
    for tag in NOTE_KINDS:
        for block in element.findall(tag):
            notes.setdefault(tag, []).extend((n.text or "").strip() for n in block.findall("note"))
    return notes


def _seventh(element: ET.Element) -> dict[str, str]:
    definition = element.find("sevenChrDef")
    if definition is None:
        return {}
    return {e.get("char", ""): (e.text or "").strip() for e in definition.findall("extension")}


@file_records("an ICD-10-CM tabular XML")
def parse_tabular(path: Path) -> Iterator[CodeEntry | NoteRef]:
    """Streams one chapter at a time (memory bounded by the largest chapter), parents before children."""
    try:
        for _, element in ET.iterparse(path, events=("end",)):
            if element.tag == "chapter":
                yield from _chapter(element)
                element.clear()
    except ET.ParseError as exc:
        raise LoadError(path, exc.position[0], None, "well-formed ICD-10-CM tabular XML", str(exc)) from exc


def _entry_and_refs(
    code: str,
    kind: str,
    title: str,
    element: ET.Element,
    parent: str | None,
    billable: bool | None,
    display: str | None = None,
) -> Iterator[CodeEntry | NoteRef]:
    notes = _notes(element)
    props = {f"{tag}Notes": texts for tag, texts in notes.items()}
    yield CodeEntry("ICD10CM", code, title, title, billable, kind, parent=parent, props=props, display=display)
    for tag, texts in notes.items():
        for text in texts:
            for target, named, qualifier in references(text):
                yield NoteRef(code, NOTE_KINDS[tag], text, target, named, qualifier)


def _chapter(element: ET.Element) -> Iterator[CodeEntry | NoteRef]:
    number = (element.findtext("name") or "").strip()
    chapter = f"CH{int(number):02d}"
    title = (element.findtext("desc") or "").strip()
    yield from _entry_and_refs(chapter, "chapter", title, element, None, False, display=f"Chapter {number}")
    for section in element.findall("section"):
        shown = section.get("id", "")
        # A one-category block (B10) carries the category's own id: key it as a range so the two stay apart.
        block = shown if "-" in shown else f"{shown}-{shown}"
        title = (section.findtext("desc") or "").strip()
        yield from _entry_and_refs(block, "block", title, section, chapter, False, display=shown)
        for diag in section.findall("diag"):
            yield from _diag(diag, block, {})


def _diag(element: ET.Element, parent: str, seventh: dict[str, str]) -> Iterator[CodeEntry | NoteRef]:
    name = (element.findtext("name") or "").strip()
    code = name.replace(".", "")
    title = (element.findtext("desc") or "").strip()
    seventh = _seventh(element) or seventh
    children = element.findall("diag")
    is_leaf = not children
    kind = "category" if len(code) == 3 else "code"
    yield from _entry_and_refs(code, kind, title, element, parent, is_leaf and not seventh)
    for child in children:
        yield from _diag(child, code, seventh)
    if is_leaf and seventh:
        base = code.ljust(6, "X")
        for character, meaning in seventh.items():
            full = f"{title}, {meaning}"
            yield CodeEntry(
                "ICD10CM",
                base + character,
                full,
                full,
                True,
                "code",
                parent=code,
                props={"seventhCharacter": character},
            )
