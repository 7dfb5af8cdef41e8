"""What resolvers see: a typed context over one abstract graph reader."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Protocol

from strawberry.dataloader import DataLoader

from schema.metering import Meter
from schema.reads import K, Read, V
from schema.records import CodeKey


class GraphReader(Protocol):
    """Answers the named reads of schema/reads.py: one round trip per call, answers in key order."""

    async def batch(self, name: str, keys: Sequence[Any]) -> list[Any]: ...


@dataclass(slots=True)
class Context:
    reader: GraphReader
    meter: Meter | None = None  # None: metering off
    cost_limit: int | None = None  # the caller's budget per operation (schema/cost.py); None: unlimited
    on_cost: Callable[[int], None] | None = None  # told each admitted operation's cost (fair use per minute)
    # One DataLoader per read, made when a resolver first asks: a page of codes costs one round trip per
    # field, not per code.
    _loaders: dict[str, DataLoader[Any, Any]] = field(default_factory=dict)
    views: DataLoader[CodeKey, bool] | None = field(init=False)
    # What the answer holds that depends on the caller: the codes whose page fields it shows, and whether
    # it read anything else particular to the caller (the viewer). Whole-result caching reads these.
    viewed: set[CodeKey] = field(default_factory=set)
    personal: bool = False

    def __post_init__(self) -> None:
        # Every page field of every code in one response costs one atomic meter call.
        self.views = DataLoader(load_fn=self.meter.admit) if self.meter else None

    def loader(self, read: Read[K, V]) -> DataLoader[K, V]:
        found = self._loaders.get(read.name)
        if found is None:
            found = self._loaders[read.name] = DataLoader(load_fn=partial(self.reader.batch, read.name))
        return found

    async def load(self, read: Read[K, V], key: K) -> V:
        return await self.loader(read).load(key)

    def prime(self, name: str, key: object, value: object) -> None:
        """An answer already fetched (a page prefetch): the read's DataLoader hands it out without a round trip."""
        found = self._loaders.get(name)
        if found is None:
            found = self._loaders[name] = DataLoader(load_fn=partial(self.reader.batch, name))
        found.prime(key, value)

    async def load_many(self, read: Read[K, V], keys: Sequence[K]) -> list[V]:
        return list(await self.loader(read).load_many(keys))
