"""The current releases handed to the reads: never an unknown version, re-read after a failure."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from graph_api.store.version import Versions


class FakeGraph:
    def __init__(self) -> None:
        self.calls = 0
        self.fail = False
        self.ids = ["a", "b"]

    async def read(self, name: str, **params: Any) -> list[dict[str, Any]]:
        assert name == "get_release_version"
        self.calls += 1
        await asyncio.sleep(0.01)
        if self.fail:
            raise RuntimeError("down")
        return [{"ids": list(self.ids), "releases": [{"id": i, "label": i.upper(), "source": "s"} for i in self.ids]}]


async def test_concurrent_first_reads_wait_for_one_version() -> None:
    graph = FakeGraph()
    versions = Versions(graph, check_s=60)  # type: ignore[arg-type]
    seen = await asyncio.gather(*(versions.current() for _ in range(8)))
    assert graph.calls == 1
    assert all(v.ids == ["a", "b"] and v.releases["a"]["label"] == "A" for v in seen)


async def test_a_failed_check_is_retried_and_a_switch_is_a_new_generation() -> None:
    graph = FakeGraph()
    versions = Versions(graph, check_s=0)  # type: ignore[arg-type]
    graph.fail = True
    with pytest.raises(RuntimeError):
        await versions.current()
    graph.fail = False
    assert (await versions.current()).ids == ["a", "b"] and versions.generation == 1
    graph.ids = ["a", "c"]
    assert (await versions.current()).ids == ["a", "c"] and versions.generation == 2
    assert (await versions.current()).ids == ["a", "c"] and versions.generation == 2
