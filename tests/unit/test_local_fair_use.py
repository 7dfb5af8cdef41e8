"""Fair use while Redis is down: the in-process windows, and FairUse falling back to them (no services)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from graph_api.access import redis_client
from graph_api.access.fair_use import FairUse, RateLimited
from graph_api.access.local_fair_use import LocalWindows
from graph_api.access.scripts import Scripts
from graph_api.settings import Settings


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_requests_and_cost_are_counted_per_caller_per_minute() -> None:
    clock = Clock(600.0)  # the start of minute 10
    windows = LocalWindows(cost_per_minute=100, clock=clock)
    assert windows.count("a", 0) == (1, 0, 60)
    clock.now = 630.2
    assert windows.count("a", 40) == (2, 40, 30)
    assert windows.count("b", 5) == (1, 5, 30)  # another caller: its own window
    assert windows.count("a", 0) == (3, 40, 30)
    clock.now = 660.0  # a new minute: everything starts again
    assert windows.count("a", 7) == (1, 7, 60)


def test_callers_remembered_are_bounded_least_recent_first() -> None:
    windows = LocalWindows(cost_per_minute=0, max_subjects=3, clock=Clock(0.0))
    for subject in ("a", "b", "c"):
        windows.count(subject, 0)
    windows.count("a", 0)  # a is recent again; b is now the least recent
    windows.count("d", 0)
    assert len(windows) == 3
    assert windows.count("b", 0)[0] == 1  # b was forgotten
    assert windows.count("a", 0)[0] == 3  # a was kept


@pytest.fixture
async def unreachable() -> AsyncIterator[FairUse]:
    """FairUse over a Redis nobody listens on (connection refused): every call falls back to this process."""
    settings = Settings(redis_url="redis://127.0.0.1:1/0", redis_timeout_s=0.2)
    redis = redis_client.connect(settings)
    yield FairUse(redis, Scripts(redis), cost_per_minute=50)
    await redis.aclose()


async def test_fair_use_falls_back_to_the_process_while_redis_is_down(unreachable: FairUse) -> None:
    headers = [await unreachable.admit("addr:192.0.2.1", 3) for _ in range(3)]
    assert [h["RateLimit-Remaining"] for h in headers] == ["2", "1", "0"]
    assert all(h["RateLimit-Limit"] == "3" for h in headers)
    with pytest.raises(RateLimited, match="3 requests per minute") as refused:
        await unreachable.admit("addr:192.0.2.1", 3)
    assert 1 <= int(refused.value.headers["Retry-After"]) <= 60
    assert (await unreachable.admit("addr:192.0.2.2", 3))["RateLimit-Remaining"] == "2"  # others unaffected


async def test_cost_per_minute_holds_while_redis_is_down(unreachable: FairUse) -> None:
    await unreachable.admit("user:ann", 0)
    unreachable.charge("user:ann", 60)  # an operation over the 50 a minute, added by the next call
    with pytest.raises(RateLimited, match="Cost limit of 50"):
        await unreachable.admit("user:ann", 0)
