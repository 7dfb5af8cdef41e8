"""NEO4J_MAX_READS: a process runs at most that many read statements at once; the others wait their turn, at most
NEO4J_READ_QUEUE_S, and then are refused as SERVICE_UNAVAILABLE (never an internal error)."""

from __future__ import annotations

import asyncio
import time

import pytest

from graph_api import metrics
from graph_api.settings import Settings
from graph_api.store.graph import Graph
from schema.errors import ServiceUnavailable


async def test_reads_wait_their_turn_and_never_exceed_the_slots(settings: Settings) -> None:
    graph = Graph(settings.model_copy(update={"neo4j_max_reads": 2}))
    running = peak = 0
    original = graph._read

    async def counted(name: str, params: dict[str, object]) -> object:
        nonlocal running, peak
        running += 1
        peak = max(peak, running)
        try:
            await asyncio.sleep(0.05)  # long enough for all 10 to be waiting at once
            return await original(name, params)  # type: ignore[arg-type]
        finally:
            running -= 1

    graph._read = counted  # type: ignore[method-assign]
    try:
        answers = await asyncio.gather(*(graph.read("get_release_version") for _ in range(10)))
    finally:
        await graph.close()
    assert peak == 2
    assert all(len(a) == 1 and isinstance(a[0]["ids"], list) for a in answers)


async def test_a_read_waiting_past_the_queue_time_is_service_unavailable(settings: Settings) -> None:
    graph = Graph(settings.model_copy(update={"neo4j_max_reads": 1, "neo4j_read_queue_s": 0.2}))
    refused = metrics.READ_QUEUE_TIMEOUTS._value.get()
    try:
        await graph._read_slots.acquire()  # the one slot is busy with a long read
        started = time.monotonic()
        with pytest.raises(ServiceUnavailable, match="busy"):
            await graph.read("get_release_version")
        assert 0.2 <= time.monotonic() - started < 2
        assert metrics.READ_QUEUE_TIMEOUTS._value.get() == refused + 1
        graph._read_slots.release()  # freed: the next read runs
        assert (await graph.read("get_release_version"))[0]["ids"] is not None
    finally:
        await graph.close()
