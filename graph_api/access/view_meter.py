"""The view meter over Redis: one atomic Lua call admits a response's code page views."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from graph_api import metrics
from graph_api.access import redis_keys
from graph_api.access.identity import Identity
from graph_api.access.redis_client import REDIS_ERRORS, RedisClient
from graph_api.access.scripts import Scripts
from schema.metering import MeterStatus, SharedStatus, ViewLimitUnavailable
from schema.records import CodeKey


def _resets(ttl: int) -> datetime | None:
    return datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=ttl) if ttl > 0 else None


class RedisMeter:
    def __init__(self, redis: RedisClient, scripts: Scripts, identity: Identity, period_s: int) -> None:
        self._redis = redis
        self._scripts = scripts
        self._identity = identity
        self._period_s = period_s
        self._key = redis_keys.views(identity.meter, identity.shared)
        self.last_status: MeterStatus | None = None

    def _status(self, used: int, ttl: int) -> MeterStatus:
        limit = self._identity.limit
        return MeterStatus(self._identity.tier, None if limit < 0 else limit, used, _resets(ttl))

    async def admit(self, keys: Sequence[CodeKey]) -> list[bool]:
        codes = [f"{k.system}:{k.code}" for k in keys]
        identity = self._identity
        try:
            if identity.shared is None:
                result = await self._scripts["record_views"](
                    keys=[redis_keys.views(identity.meter)],
                    args=[identity.limit, self._period_s, *codes],
                    client=self._redis,
                )
            else:  # a guest: its cookie's meter and its address's, in one atomic call (one slot)
                result = await self._scripts["record_guest_views"](
                    keys=[redis_keys.views(identity.meter, identity.shared), redis_keys.views(identity.shared)],
                    args=[identity.limit, identity.shared_limit, self._period_s, *codes],
                    client=self._redis,
                )
        except REDIS_ERRORS as exc:
            metrics.child(metrics.METER_DECISIONS, "unavailable").inc(len(codes))
            raise ViewLimitUnavailable(
                "Code pages are unavailable: the view meter cannot be reached. Other fields still answer.",
                retryable=True,
            ) from exc
        self.last_status = self._status(int(result[0]), int(result[1]))
        admitted = [bool(x) for x in result[2:]]
        if granted := sum(admitted):
            metrics.child(metrics.METER_DECISIONS, "admitted").inc(granted)
        if granted < len(admitted):
            metrics.child(metrics.METER_DECISIONS, "refused").inc(len(admitted) - granted)
        return admitted

    async def status(self) -> MeterStatus:
        identity = self._identity
        keys = [self._key] if identity.shared is None else [self._key, redis_keys.views(identity.shared)]
        try:
            found = await self._scripts["meter_status"](keys=keys, client=self._redis)
        except REDIS_ERRORS as exc:
            raise ViewLimitUnavailable("The view meter cannot be reached.", retryable=True) from exc
        status = self._status(int(found[0]), int(found[1]))
        if identity.shared is None:
            return status
        limit = None if identity.shared_limit < 0 else identity.shared_limit
        return replace(status, shared=SharedStatus(limit, int(found[2]), _resets(int(found[3]))))
