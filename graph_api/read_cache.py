"""A GraphReader that remembers answers until the set of current releases changes.

The graph changes only when a load switches a release, so an answer stays right until then. Every
`check_s` seconds (0: before every read) one cheap statement reads the current release ids; when they
differ, every cached answer is dropped. Answers are kept per key (a code and its date of service), so a
DataLoader batch fetches only the keys it has not seen. Each method keeps at most `entries` keys (LRU).
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable, Sequence
from datetime import date
from typing import Any, TypeVar

from graph_api.graph import Graph
from graph_api.reader import Neo4jReader
from schema.claims.model import ClaimFacts, FactsRequest
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

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class CachedReader:
    def __init__(self, inner: Neo4jReader, graph: Graph, check_s: float, entries: int) -> None:
        self.inner = inner
        self.graph = graph
        self.check_s = check_s
        self.entries = entries
        self.generation = 0
        self._version: list[str] | None = None
        self._checked = float("-inf")
        self._caches: dict[str, OrderedDict[Hashable, Any]] = {}

    async def _current(self) -> int:
        now = time.monotonic()
        if now - self._checked >= self.check_s:
            self._checked = now
            ids = (await self.graph.read("get_release_version"))[0]["ids"]
            if ids != self._version:
                self._version = ids
                self.generation += 1
                for cache in self._caches.values():
                    cache.clear()
        return self.generation

    async def _read(self, name: str, fetch: Callable[[Sequence[K]], Awaitable[list[V]]], keys: Sequence[K]) -> list[V]:
        generation = await self._current()
        cache: OrderedDict[Hashable, Any] = self._caches.setdefault(name, OrderedDict())
        known: dict[K, V] = {}
        missing: list[K] = []
        for key in dict.fromkeys(keys):
            if key in cache:
                cache.move_to_end(key)
                known[key] = cache[key]
            else:
                missing.append(key)
        if missing:
            found = await fetch(missing)
            known.update(zip(missing, found, strict=True))
            if generation == self.generation:  # a release switched meanwhile: these answers may be stale
                cache.update(zip(missing, found, strict=True))
                while len(cache) > self.entries:
                    cache.popitem(last=False)
        return [known[k] for k in keys]

    async def codes(self, keys: Sequence[DatedKey]) -> list[CodeRecord | None]:
        return await self._read("codes", self.inner.codes, keys)

    async def primary_codes(self, keys: Sequence[DatedKey]) -> list[list[AddOnLinkRecord]]:
        return await self._read("primary_codes", self.inner.primary_codes, keys)

    async def add_on_codes(self, keys: Sequence[DatedKey]) -> list[list[AddOnLinkRecord]]:
        return await self._read("add_on_codes", self.inner.add_on_codes, keys)

    async def ptp_edits(self, keys: Sequence[PtpKey]) -> list[PtpPage]:
        return await self._read("ptp_edits", self.inner.ptp_edits, keys)

    async def mues(self, keys: Sequence[CodeKey]) -> list[list[MueRecord]]:
        return await self._read("mues", self.inner.mues, keys)

    async def crosswalks(self, keys: Sequence[CrosswalkKey]) -> list[list[CrosswalkRecord]]:
        return await self._read("crosswalks", self.inner.crosswalks, keys)

    async def ancestors(self, keys: Sequence[CodeKey]) -> list[list[str]]:
        return await self._read("ancestors", self.inner.ancestors, keys)

    async def children(self, keys: Sequence[CodeKey]) -> list[list[str]]:
        return await self._read("children", self.inner.children, keys)

    async def descendants(self, keys: Sequence[DescendantsKey]) -> list[DescendantsPage]:
        return await self._read("descendants", self.inner.descendants, keys)

    async def related(self, keys: Sequence[RelatedKey]) -> list[list[RelatedRecord]]:
        return await self._read("related", self.inner.related, keys)

    async def notes(self, keys: Sequence[CodeKey]) -> list[list[NoteRecord]]:
        return await self._read("notes", self.inner.notes, keys)

    async def modifiers(self, codes: Sequence[str]) -> list[ModifierRecord | None]:
        return await self._read("modifiers", self.inner.modifiers, codes)

    async def code_modifiers(self, keys: Sequence[DatedKey]) -> list[list[ApplicableModifierRecord]]:
        return await self._read("code_modifiers", self.inner.code_modifiers, keys)

    async def index_entries(self, keys: Sequence[CodeKey]) -> list[list[IndexEntryRecord]]:
        return await self._read("index_entries", self.inner.index_entries, keys)

    async def guidelines(self, keys: Sequence[CodeKey]) -> list[list[GuidelineRecord]]:
        return await self._read("guidelines", self.inner.guidelines, keys)

    # Searches, path queries and the release list go to the graph every time.

    async def search_codes(
        self,
        prefix: str | None,
        text: str | None,
        systems: list[str],
        as_of: date,
        after: tuple[float, str, str],
        limit: int,
    ) -> list[tuple[str, str, float]]:
        return await self.inner.search_codes(prefix, text, systems, as_of, after, limit)

    async def count_codes(self, prefix: str | None, text: str | None, systems: list[str], as_of: date) -> int:
        return await self.inner.count_codes(prefix, text, systems, as_of)

    async def relation_paths(
        self, start: CodeKey, end: CodeKey, max_hops: int, as_of: date
    ) -> list[list[RelationStepRecord]]:
        return await self.inner.relation_paths(start, end, max_hops, as_of)

    async def releases(self) -> list[ReleaseRecord]:
        return await self.inner.releases()

    async def claim_facts(self, request: FactsRequest) -> ClaimFacts:
        return await self.inner.claim_facts(request)
