"""The current releases, read once per check interval and handed to every read as parameters.

Reads then filter facts by `$rids` and name releases from the `$releases` map instead of matching the current
Release nodes in every statement (and scanning that list once per edge). One cheap statement reads them every
`check_s` seconds (0: before every read); a switch is seen by the reads at most `check_s` later, the same window
the read cache already has.

With Neo4j down, the check fails open: the last known releases are used for up to `stale_s` seconds after the
last successful check (the read cache serves what it holds for them), and for `RETRY_S` after a failure reads
fail at once instead of each waiting out the driver's timeouts.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Any

from graph_api.store.graph import Graph
from schema.errors import ServiceUnavailable

RETRY_S = 1.0


@dataclass(frozen=True, slots=True)
class ReleaseVersion:
    ids: list[str]
    # release id -> {"label": ..., "source": ...}: labels are joined after paging, from this map
    releases: dict[str, dict[str, Any]] = field(default_factory=dict)

    def params(self) -> dict[str, Any]:
        return {"rids": self.ids, "releases": self.releases}


class Versions:
    def __init__(self, graph: Graph, check_s: float, stale_s: float = 0) -> None:
        self.graph = graph
        self.check_s = check_s
        self.stale_s = stale_s
        self.generation = 0  # 0: never read
        self.version = ReleaseVersion([])
        self._checked = float("-inf")
        self._confirmed = float("-inf")  # when the releases were last read
        self._down_until = float("-inf")
        self._first = asyncio.Lock()

    def down(self) -> bool:
        """Neo4j failed a moment ago: reads that need it fail at once for a while."""
        return time.monotonic() < self._down_until

    async def current(self) -> ReleaseVersion:
        """The current releases; `generation` changes whenever their set does."""
        if self.down():
            return self._stale()
        if self.generation == 0:
            async with self._first:  # nobody reads with an unknown version: all wait for the first
                if self.generation == 0:
                    await self._check()
        elif time.monotonic() - self._checked >= self.check_s:
            # One caller checks; the others go on with the version they have (a switch shows within check_s).
            self._checked = time.monotonic()
            await self._check()
        return self.version

    async def _check(self) -> None:
        try:
            row = (await self.graph.read("get_release_version"))[0]
        except ServiceUnavailable:
            self._down_until = time.monotonic() + RETRY_S
            self._stale()
            return
        except BaseException:
            self._checked = float("-inf")  # the next read checks again
            raise
        self._checked = self._confirmed = time.monotonic()
        if row["ids"] != self.version.ids or not self.generation:
            self.version = ReleaseVersion(row["ids"], {r["id"]: r for r in row["releases"]})
            self.generation += 1

    def _stale(self) -> ReleaseVersion:
        """The last known releases while they are recent enough to serve; else the graph is unavailable."""
        if not self.generation or time.monotonic() - self._confirmed > self.stale_s:
            raise ServiceUnavailable("the code graph is unavailable")
        return self.version
