"""The current releases, read once per check interval and handed to every read as parameters.

Reads then filter facts by `$rids` and name releases from the `$releases` map instead of matching the current
Release nodes in every statement (and scanning that list once per edge). One cheap statement reads them every
`check_s` seconds (0: before every read); a switch is seen by the reads at most `check_s` later, the same window
the read cache already has.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from graph_api.store.graph import Graph


@dataclass(frozen=True, slots=True)
class ReleaseVersion:
    ids: list[str]
    # release id -> {"label": ..., "source": ...}: labels are joined after paging, from this map
    releases: dict[str, dict[str, Any]] = field(default_factory=dict)

    def params(self) -> dict[str, Any]:
        return {"rids": self.ids, "releases": self.releases}


class Versions:
    def __init__(self, graph: Graph, check_s: float) -> None:
        self.graph = graph
        self.check_s = check_s
        self.generation = 0
        self.version = ReleaseVersion([])
        self._checked = float("-inf")

    async def current(self) -> ReleaseVersion:
        """The current releases; `generation` changes whenever their set does."""
        now = time.monotonic()
        if now - self._checked >= self.check_s:
            self._checked = now  # before the await: concurrent callers use the last version meanwhile
            row = (await self.graph.read("get_release_version"))[0]
            if row["ids"] != self.version.ids or not self.generation:
                self.version = ReleaseVersion(row["ids"], {r["id"]: r for r in row["releases"]})
                self.generation += 1
        return self.version
