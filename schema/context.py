"""What resolvers see: a typed context over an abstract graph reader."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

from strawberry.dataloader import DataLoader

from schema.claims.model import ClaimFacts, FactsRequest
from schema.metering import Meter
from schema.records import (
    AddOnLinkRecord,
    ApplicableModifierRecord,
    CodeKey,
    CodeRecord,
    CrosswalkKey,
    CrosswalkRecord,
    DatedKey,
    DescendantsKey,
    DescendantsPage,
    GuidelineRecord,
    IndexEntryRecord,
    ModifierRecord,
    MueRecord,
    NoteRecord,
    PtpKey,
    PtpPage,
    RelatedKey,
    RelatedRecord,
    RelationStepRecord,
    ReleaseRecord,
)


class GraphReader(Protocol):
    """Batch reads, one round trip per call, results in key order."""

    async def codes(self, keys: Sequence[DatedKey]) -> list[CodeRecord | None]: ...

    async def primary_codes(self, keys: Sequence[DatedKey]) -> list[list[AddOnLinkRecord]]: ...

    async def add_on_codes(self, keys: Sequence[DatedKey]) -> list[list[AddOnLinkRecord]]: ...

    async def ptp_edits(self, keys: Sequence[PtpKey]) -> list[PtpPage]: ...

    async def mues(self, keys: Sequence[CodeKey]) -> list[list[MueRecord]]: ...

    async def crosswalks(self, keys: Sequence[CrosswalkKey]) -> list[list[CrosswalkRecord]]: ...

    async def ancestors(self, keys: Sequence[CodeKey]) -> list[list[str]]: ...

    async def children(self, keys: Sequence[CodeKey]) -> list[list[str]]: ...

    async def descendants(self, keys: Sequence[DescendantsKey]) -> list[DescendantsPage]: ...

    async def related(self, keys: Sequence[RelatedKey]) -> list[list[RelatedRecord]]: ...

    async def relation_paths(
        self, start: CodeKey, end: CodeKey, max_hops: int, as_of: date
    ) -> list[list[RelationStepRecord]]: ...

    async def notes(self, keys: Sequence[CodeKey]) -> list[list[NoteRecord]]: ...

    async def modifiers(self, codes: Sequence[str]) -> list[ModifierRecord | None]: ...

    async def releases(self) -> list[ReleaseRecord]: ...

    async def code_modifiers(self, keys: Sequence[DatedKey]) -> list[list[ApplicableModifierRecord]]: ...

    async def guidelines(self, keys: Sequence[CodeKey]) -> list[list[GuidelineRecord]]: ...

    async def index_entries(self, keys: Sequence[CodeKey]) -> list[list[IndexEntryRecord]]: ...

    async def search_codes(
        self,
        prefix: str | None,
        text: str | None,
        systems: list[str],
        as_of: date,
        after: tuple[float, str, str],
        limit: int,
    ) -> list[tuple[str, str, float]]: ...

    async def count_codes(self, prefix: str | None, text: str | None, systems: list[str], as_of: date) -> int: ...

    async def claim_facts(self, request: FactsRequest) -> ClaimFacts: ...


@dataclass(slots=True)
class Loaders:
    """One DataLoader per traversal: a page of codes costs one round trip per field, not per code."""

    codes: DataLoader[DatedKey, CodeRecord | None]
    primary_codes: DataLoader[DatedKey, list[AddOnLinkRecord]]
    add_on_codes: DataLoader[DatedKey, list[AddOnLinkRecord]]
    ptp_edits: DataLoader[PtpKey, PtpPage]
    mues: DataLoader[CodeKey, list[MueRecord]]
    crosswalks: DataLoader[CrosswalkKey, list[CrosswalkRecord]]
    ancestors: DataLoader[CodeKey, list[str]]
    children: DataLoader[CodeKey, list[str]]
    descendants: DataLoader[DescendantsKey, DescendantsPage]
    related: DataLoader[RelatedKey, list[RelatedRecord]]
    notes: DataLoader[CodeKey, list[NoteRecord]]
    modifiers: DataLoader[str, ModifierRecord | None]
    code_modifiers: DataLoader[DatedKey, list[ApplicableModifierRecord]]
    guidelines: DataLoader[CodeKey, list[GuidelineRecord]]
    index_entries: DataLoader[CodeKey, list[IndexEntryRecord]]

    @classmethod
    def over(cls, reader: GraphReader) -> Loaders:
        return cls(
            codes=DataLoader(load_fn=reader.codes),
            primary_codes=DataLoader(load_fn=reader.primary_codes),
            add_on_codes=DataLoader(load_fn=reader.add_on_codes),
            ptp_edits=DataLoader(load_fn=reader.ptp_edits),
            mues=DataLoader(load_fn=reader.mues),
            crosswalks=DataLoader(load_fn=reader.crosswalks),
            ancestors=DataLoader(load_fn=reader.ancestors),
            children=DataLoader(load_fn=reader.children),
            descendants=DataLoader(load_fn=reader.descendants),
            related=DataLoader(load_fn=reader.related),
            notes=DataLoader(load_fn=reader.notes),
            modifiers=DataLoader(load_fn=reader.modifiers),
            code_modifiers=DataLoader(load_fn=reader.code_modifiers),
            guidelines=DataLoader(load_fn=reader.guidelines),
            index_entries=DataLoader(load_fn=reader.index_entries),
        )


@dataclass(slots=True)
class Context:
    reader: GraphReader
    meter: Meter | None = None  # None: metering off
    loaders: Loaders = field(init=False)
    views: DataLoader[CodeKey, bool] | None = field(init=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders.over(self.reader)
        # Every page field of every code in one response costs one atomic meter call.
        self.views = DataLoader(load_fn=self.meter.admit) if self.meter else None
