"""Fair use for every caller: requests and operation cost per minute, in Redis, answered with 429.

One Lua call per request counts the request and reads the cost spent this minute (fair_use.lua). The cost of an
operation, known only after validation, is kept in-process and added by the same caller's next call: one round
trip per request, and the cost budget lags by at most one operation per caller per process. With Redis down,
the same limits are counted in this process alone (local_fair_use.py: per process, a bounded number of callers);
the view meter still fails closed for page fields.
"""

from __future__ import annotations

import time

from graph_api.access import redis_keys
from graph_api.access.local_fair_use import LocalWindows
from graph_api.access.redis_client import REDIS_ERRORS, RedisClient
from graph_api.access.scripts import Scripts


class RateLimited(Exception):
    def __init__(self, message: str, headers: dict[str, str]) -> None:
        super().__init__(message)
        self.headers = headers


class FairUse:
    def __init__(self, redis: RedisClient, scripts: Scripts, cost_per_minute: int) -> None:
        self.redis = redis
        self.scripts = scripts
        self.cost_per_minute = cost_per_minute
        self._pending: dict[str, int] = {}  # cost of admitted operations not yet added in Redis, per caller
        # Callers refused this minute, remembered in-process until the window ends: a caller hammering past
        # its limit is refused again without a Redis round trip (microseconds, not a worker).
        self._blocked: dict[str, tuple[float, RateLimited]] = {}
        self.local = LocalWindows(cost_per_minute)  # counts while Redis cannot

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
        pending = self._pending.pop(subject, 0)
        try:
            count, spent, ttl = await self.scripts["fair_use"](
                keys=[redis_keys.rate(subject, minute), redis_keys.cost(subject, minute)],
                args=[redis_keys.RATE_WINDOW_S, pending],
                client=self.redis,
            )
        except REDIS_ERRORS:
            count, spent, ttl = self.local.count(subject, pending)  # Redis down: this process counts alone
        except BaseException:
            self.charge(subject, pending)  # not counted: kept for the next call
            raise
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
        """Adds an operation's cost for the caller's next call to carry to Redis (no I/O here)."""
        if self.cost_per_minute <= 0 or cost <= 0:
            return
        if len(self._pending) > 10_000:
            self._pending.clear()
        self._pending[subject] = self._pending.get(subject, 0) + cost
