"""Partner API keys: shown once at creation, stored only as a SHA-256 digest (Redis with AOF persistence)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from graph_api.access import redis_keys
from graph_api.access.identity import decoded, key_digest
from graph_api.access.redis_client import RedisClient


@dataclass(frozen=True, slots=True)
class ApiKey:
    id: str
    name: str
    quota: int
    rpm: int
    created: str


async def _hash(redis: RedisClient, key: str) -> dict[str, str]:
    pending: Any = redis.hgetall(key)  # redis-py types this as sync-or-async; the client is async
    return {decoded(k): decoded(v) for k, v in (await pending).items()}


async def create(redis: RedisClient, name: str, quota: int, rpm: int) -> tuple[str, ApiKey]:
    key_id = secrets.token_hex(4)
    key = f"gak_{key_id}_{secrets.token_urlsafe(24)}"
    record = ApiKey(key_id, name, quota, rpm, datetime.now(UTC).isoformat(timespec="seconds"))
    digest = key_digest(key)
    fields = {"id": record.id, "name": name, "quota": quota, "rpm": rpm, "created": record.created}
    async with redis.pipeline(transaction=True) as pipe:
        pipe.hset(redis_keys.api_key(digest), mapping=fields)  # type: ignore[arg-type]
        pipe.hset(redis_keys.api_key_ids(), key_id, digest)
        await pipe.execute()
    return key, record


async def listed(redis: RedisClient) -> list[ApiKey]:
    keys = []
    for digest in (await _hash(redis, redis_keys.api_key_ids())).values():
        f = await _hash(redis, redis_keys.api_key(digest))
        if f:
            keys.append(ApiKey(f["id"], f["name"], int(f["quota"]), int(f["rpm"]), f["created"]))
    return sorted(keys, key=lambda k: k.created)


async def revoke(redis: RedisClient, key_id: str) -> bool:
    digest = (await _hash(redis, redis_keys.api_key_ids())).get(key_id)
    if digest is None:
        return False
    async with redis.pipeline(transaction=True) as pipe:
        pipe.delete(redis_keys.api_key(digest))
        pipe.hdel(redis_keys.api_key_ids(), key_id)
        await pipe.execute()
    return True
