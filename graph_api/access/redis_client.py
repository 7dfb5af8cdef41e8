"""One Redis client per process, with the timeout policy from settings."""

from __future__ import annotations

from redis.asyncio import Redis

from graph_api.settings import Settings


def connect(settings: Settings) -> Redis:
    return Redis.from_url(
        settings.redis_url,
        socket_timeout=settings.redis_timeout_s,
        socket_connect_timeout=settings.redis_timeout_s,
        retry_on_timeout=False,
        health_check_interval=0,
    )
