"""A GraphReader that remembers answers until the set of current releases changes.

The graph changes only when a load switches a release, so an answer stays right until then. The current
releases are read at most every `check_s` seconds (graph_api/store/version.py); when they differ, every cached
answer is dropped. Answers are kept per key (a code and its date of service), so a DataLoader batch fetches only
the keys it has not seen. Each read keeps at most `entries` keys (LRU). Reads marked uncached in schema/reads.py
(searches, paths, the release list) always go to the graph; a code page prefetch fetches only the parts not held.

With Neo4j down, cached answers are served for the last known releases for up to `stale_s` (see Versions).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable, Sequence
from typing import Any

from graph_api import metrics
from graph_api.store.version import Versions
from schema.context import GraphReader
from schema.errors import ServiceUnavailable
from schema.reads import CODE_PAGE, CODES, UNCACHED
from schema.records import PageAnswer, PageKey


class CachedReader:
    def __init__(self, inner: GraphReader, versions: Versions, entries: int) -> None:
        self.inner = inner
        self.versions = versions
        self.entries = entries
        self.generation = 0
        self._caches: dict[str, OrderedDict[Hashable, Any]] = {}

    async def current(self) -> int:
        """The generation of the cached answers: it changes when the set of current releases does."""
        await self.versions.current()
        if self.versions.generation != self.generation:
            self.generation = self.versions.generation
            for cache in self._caches.values():
                cache.clear()
        return self.generation

    def _reachable(self) -> None:
        if self.versions.down():
            raise ServiceUnavailable("the code graph is unavailable")

    async def batch(self, name: str, keys: Sequence[Any]) -> list[Any]:
        if self.entries <= 0 or (name in UNCACHED and name != CODE_PAGE.name):
            self._reachable()
            return await self.inner.batch(name, keys)
        if name == CODE_PAGE.name:
            return [await self._page(k) for k in keys]
        generation = await self.current()
        cache = self._caches.setdefault(name, OrderedDict())
        known: dict[Hashable, Any] = {}
        missing: list[Hashable] = []
        for key in dict.fromkeys(keys):
            if key in cache:
                cache.move_to_end(key)
                known[key] = cache[key]
            else:
                missing.append(key)
        if known:
            metrics.child(metrics.CACHE_LOOKUPS, name, "hit").inc(len(known))
        if missing:
            self._reachable()
            metrics.child(metrics.CACHE_LOOKUPS, name, "miss").inc(len(missing))
            found = await self.inner.batch(name, missing)
            known.update(zip(missing, found, strict=True))
            if generation == self.generation:  # a release switched meanwhile: these answers may be stale
                for key, value in zip(missing, found, strict=True):
                    self._store(name, key, value)
        return [known[k] for k in keys]

    async def _page(self, key: PageKey) -> PageAnswer:
        """A code page prefetch: the parts already cached are answered here, only the rest is fetched."""
        generation = await self.current()
        known = {(n, k): c[k] for n, k in key.parts if (c := self._caches.get(n)) is not None and k in c}
        codes = self._caches.get(CODES.name)
        if codes is not None and key.code in codes and len(known) == len(key.parts):
            metrics.child(metrics.CACHE_LOOKUPS, CODE_PAGE.name, "hit").inc()
            record = codes[key.code]
            return PageAnswer(record, tuple((n, k, v) for (n, k), v in known.items()) if record else ())
        self._reachable()
        metrics.child(metrics.CACHE_LOOKUPS, CODE_PAGE.name, "miss").inc()
        missing = tuple(p for p in key.parts if p not in known)
        # With its releases: the record is then an answer to CODES, kept for the next page of this code.
        found: PageAnswer = (await self.inner.batch(CODE_PAGE.name, [PageKey(key.code, missing)]))[0]
        if generation == self.generation:  # a release switched meanwhile: these answers may be stale
            self._store(CODES.name, key.code, found.code)
            for part_name, part_key, value in found.parts:
                self._store(part_name, part_key, value)
        if found.code is None:
            return found
        return PageAnswer(found.code, found.parts + tuple((n, k, v) for (n, k), v in known.items()))

    def _store(self, name: str, key: Hashable, value: Any) -> None:
        cache = self._caches.setdefault(name, OrderedDict())
        cache[key] = value
        cache.move_to_end(key)
        while len(cache) > self.entries:
            cache.popitem(last=False)
