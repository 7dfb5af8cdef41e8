"""What resolvers see: a typed context over an abstract graph reader."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from strawberry.dataloader import DataLoader

from schema.records import AddOnLinkRecord, CodeRecord, DatedKey


class GraphReader(Protocol):
    """Batch reads, one round trip per call, results in key order."""

    async def codes(self, keys: Sequence[DatedKey]) -> list[CodeRecord | None]: ...

    async def primary_codes(self, keys: Sequence[DatedKey]) -> list[list[AddOnLinkRecord]]: ...

    async def add_on_codes(self, keys: Sequence[DatedKey]) -> list[list[AddOnLinkRecord]]: ...


@dataclass(slots=True)
class Loaders:
    codes: DataLoader[DatedKey, CodeRecord | None]
    primary_codes: DataLoader[DatedKey, list[AddOnLinkRecord]]
    add_on_codes: DataLoader[DatedKey, list[AddOnLinkRecord]]

    @classmethod
    def over(cls, reader: GraphReader) -> Loaders:
        return cls(
            codes=DataLoader(load_fn=reader.codes),
            primary_codes=DataLoader(load_fn=reader.primary_codes),
            add_on_codes=DataLoader(load_fn=reader.add_on_codes),
        )


@dataclass(slots=True)
class Context:
    reader: GraphReader
    loaders: Loaders = field(init=False)

    def __post_init__(self) -> None:
        self.loaders = Loaders.over(self.reader)
