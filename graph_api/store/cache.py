"""A GraphReader that remembers answers until the set of current releases changes.

The graph changes only when a load switches a release, so an answer stays right until then. Every
`check_s` seconds (0: before every read) one cheap statement reads the current release ids; when they
differ, every cached answer is dropped. Answers are kept per key (a code and its date of service), so a
DataLoader batch fetches only the keys it has not seen. Each read keeps at most `entries` keys (LRU).
Reads marked uncached in schema/reads.py (searches, paths, the release list) always go to the graph.

With Neo4j down, the check fails open: cached answers are served for the last known releases for up to
`stale_s` seconds after the last successful check, and for `RETRY_S` after a failure the rest fail at once
instead of each waiting out the driver's timeouts.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Hashable, Sequence
from typing import Any

from graph_api import metrics
from graph_api.store.graph import Graph
from schema.context import GraphReader
from schema.errors import ServiceUnavailable
from schema.reads import UNCACHED

RETRY_S = 1.0


class CachedReader:
    def __init__(self, inner: GraphReader, graph: Graph, check_s: float, entries: int, stale_s: float = 0) -> None:
        self.inner = inner
        self.stale_s = stale_s
        self._confirmed = float("-inf")  # when the releases were last read
        self._down_until = float("-inf")
        self.graph = graph
        self.check_s = check_s
        self.entries = entries
        self.generation = 0
        self._version: list[str] | None = None
        self._checked = float("-inf")
        self._caches: dict[str, OrderedDict[Hashable, Any]] = {}

    async def current(self) -> int:
        """The generation of the cached answers: it changes when the set of current releases does."""
        return await self._current()

    async def _current(self) -> int:
        now = time.monotonic()
        if now < self._down_until:
            return self._stale(now)
        if now - self._checked >= self.check_s:
            self._checked = now
            try:
                ids = (await self.graph.read("get_release_version"))[0]["ids"]
            except ServiceUnavailable:
                self._down_until = time.monotonic() + RETRY_S
                return self._stale(now)
            self._confirmed = now
            if ids != self._version:
                self._version = ids
                self.generation += 1
                for cache in self._caches.values():
                    cache.clear()
        return self.generation

    def _stale(self, now: float) -> int:
        """The last known generation while it is recent enough to serve; else the graph is unavailable."""
        if self._version is None or now - self._confirmed > self.stale_s:
            raise ServiceUnavailable("the code graph is unavailable")
        return self.generation

    async def batch(self, name: str, keys: Sequence[Any]) -> list[Any]:
        if name in UNCACHED or self.entries <= 0:
            if time.monotonic() < self._down_until:
                raise ServiceUnavailable("the code graph is unavailable")
            return await self.inner.batch(name, keys)
        generation = await self._current()
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
            if time.monotonic() < self._down_until:
                raise ServiceUnavailable("the code graph is unavailable")
            metrics.child(metrics.CACHE_LOOKUPS, name, "miss").inc(len(missing))
            found = await self.inner.batch(name, missing)
            known.update(zip(missing, found, strict=True))
            if generation == self.generation:  # a release switched meanwhile: these answers may be stale
                cache.update(zip(missing, found, strict=True))
                while len(cache) > self.entries:
                    cache.popitem(last=False)
        return [known[k] for k in keys]
