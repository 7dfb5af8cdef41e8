"""Fair use for every caller: requests and operation cost per minute, in Redis, answered with 429.

One Lua call per request counts the request and reads the cost spent this minute (fair_use.lua); the cost of
the operation, known after validation, is added without making the response wait (charge_cost.lua). With Redis
down, fair use is not enforced (the view meter still fails closed for page fields).
"""

from __future__ import annotations

import asyncio
import contextlib
import time

from redis.asyncio import Redis
from redis.exceptions import RedisError

from graph_api.access import redis_keys
from graph_api.access.scripts import Scripts


class RateLimited(Exception):
    def __init__(self, message: str, headers: dict[str, str]) -> None:
        super().__init__(message)
        self.headers = headers


class FairUse:
    def __init__(self, redis: Redis, scripts: Scripts, cost_per_minute: int) -> None:
        self.redis = redis
        self.scripts = scripts
        self.cost_per_minute = cost_per_minute
        self._pending: set[asyncio.Task[None]] = set()
        # Callers refused this minute, remembered in-process until the window ends: a caller hammering past
        # its limit is refused again without a Redis round trip (microseconds, not a worker).
        self._blocked: dict[str, tuple[float, RateLimited]] = {}

    async def admit(self, subject: str, rpm: int) -> dict[str, str]:
        """RateLimit-* headers for the response; RateLimited over the requests or the cost of this minute."""
        if rpm <= 0 and self.cost_per_minute <= 0:
            return {}
        blocked = self._blocked.get(subject)
        if blocked is not None:
            left = blocked[0] - time.monotonic()
            if left > 0:
                wait = str(max(int(left + 0.999), 1))
                refusal = blocked[1]
                raise RateLimited(str(refusal), {**refusal.headers, "Retry-After": wait, "RateLimit-Reset": wait})
            del self._blocked[subject]
        try:
            return await self._admit(subject, rpm)
        except RateLimited as exc:
            if len(self._blocked) > 10_000:
                self._blocked.clear()
            self._blocked[subject] = (time.monotonic() + int(exc.headers["Retry-After"]), exc)
            raise

    async def _admit(self, subject: str, rpm: int) -> dict[str, str]:
        minute = int(time.time() // redis_keys.RATE_WINDOW_S)
        count, spent, ttl = await self.scripts["fair_use"](
            keys=[redis_keys.rate(subject, minute), redis_keys.cost(subject, minute)],
            args=[redis_keys.RATE_WINDOW_S],
            client=self.redis,
        )
        reset = str(max(int(ttl), 1))
        headers = {"RateLimit-Limit": str(rpm), "RateLimit-Remaining": str(max(rpm - int(count), 0)),
                   "RateLimit-Reset": reset}  # fmt: skip
        if 0 < rpm < int(count):
            raise RateLimited(f"Rate limit of {rpm} requests per minute reached.", {**headers, "Retry-After": reset})
        if 0 < self.cost_per_minute <= int(spent):
            raise RateLimited(
                f"Cost limit of {self.cost_per_minute} per minute reached.", {**headers, "Retry-After": reset}
            )
        return headers

    def charge(self, subject: str, cost: int) -> None:
        """Adds an operation's cost to this minute's, in the background."""
        if self.cost_per_minute <= 0 or cost <= 0:
            return
        task = asyncio.ensure_future(self._charge(subject, cost))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def _charge(self, subject: str, cost: int) -> None:
        minute = int(time.time() // redis_keys.RATE_WINDOW_S)
        with contextlib.suppress(RedisError, OSError):
            await self.scripts["charge_cost"](
                keys=[redis_keys.cost(subject, minute)], args=[cost, redis_keys.RATE_WINDOW_S], client=self.redis
            )
