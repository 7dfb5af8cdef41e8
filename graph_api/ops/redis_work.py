"""One piece of async work against a short-lived Redis client, for synchronous CLI commands (keys, users)."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import TypeVar

from graph_api.access import redis_client
from graph_api.access.redis_client import RedisClient
from graph_api.settings import Settings

T = TypeVar("T")


def with_redis(settings: Settings, work: Callable[[RedisClient], Awaitable[T]]) -> T:
    async def run() -> T:
        client = redis_client.connect(settings.model_copy(update={"redis_timeout_s": 2.0}))
        try:
            return await work(client)
        finally:
            await client.aclose()

    return asyncio.run(run())
