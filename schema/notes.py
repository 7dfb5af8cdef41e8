"""ICD-10-CM instructional notes, with the level of the hierarchy each one was written at."""

from __future__ import annotations

from enum import Enum

import strawberry

from schema.enums import CodeSystem
from schema.records import IndexEntryRecord, NoteRecord


@strawberry.enum(description="The instructional note types of the ICD-10-CM tabular list.")
class NoteKind(Enum):
    INCLUDES = "INCLUDES"
    INCLUSION_TERM = "INCLUSION_TERM"
    EXCLUDES1 = "EXCLUDES1"
    EXCLUDES2 = "EXCLUDES2"
    CODE_FIRST = "CODE_FIRST"
    USE_ADDITIONAL_CODE = "USE_ADDITIONAL_CODE"
    CODE_ALSO = "CODE_ALSO"


@strawberry.type(description="A note that names another code or range.")
class Note:
    note: strawberry.Private[NoteRecord]

    @strawberry.field
    def kind(self) -> NoteKind:
        return NoteKind(self.note.kind)

    @strawberry.field(description="The note as the tabular list prints it.")
    def text(self) -> str:
        return self.note.text

    @strawberry.field(description="The code or range as the note wrote it (E08.-, C00-C96).")
    def named(self) -> str:
        return self.note.named

    @strawberry.field(description="Where the note was written: code, category, block or chapter.")
    def level(self) -> str:
        return self.note.level_kind

    @strawberry.field(
        description="The code (or block, chapter) the note was written at; this code when inherited=false."
    )
    def from_code(self) -> str:
        return self.note.level_code

    @strawberry.field
    def inherited(self) -> bool:
        return self.note.depth > 0

    @strawberry.field(description="The code or block the note names; null when it names none the graph has.")
    def target_code(self) -> str | None:
        return self.note.target.code if self.note.target else None

    @strawberry.field
    def target_system(self) -> CodeSystem | None:
        return CodeSystem(self.note.target.system) if self.note.target else None

    @strawberry.field(description="What the note adds to the code it names: 'with 7th character B', 'with .29'.")
    def qualifier(self) -> str | None:
        return self.note.qualifier


@strawberry.type(description="A line of the ICD-10-CM Index, Table of Drugs and Chemicals or Neoplasm Table.")
class IndexEntry:
    index: str = strawberry.field(description="drug, neoplasm, eindex (external cause) or index (alphabetic)")
    path: str = strawberry.field(description="The main term and its subterms: 'Neoplasm, neoplastic > colon'")
    heading: str | None = strawberry.field(description="The table column: 'Adverse effect', 'Malignant Primary'")
    named: str = strawberry.field(description="The code as the index prints it: T39.1X5, C79.8-")


def index_entry(record: IndexEntryRecord) -> IndexEntry:
    return IndexEntry(index=record.index, path=record.path, heading=record.heading, named=record.named)
