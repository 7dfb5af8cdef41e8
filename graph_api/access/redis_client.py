"""One Redis client per process, with the timeout policy from settings: a single node, or a Redis Cluster."""

from __future__ import annotations

from typing import Any, TypeAlias

from redis.asyncio import Redis
from redis.asyncio.cluster import RedisCluster
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import RedisClusterException, RedisError
from redis.maint_notifications import MaintNotificationsConfig

from graph_api.settings import Settings

# Both speak the same commands; a cluster routes each by its key's hash slot (see redis_keys.py for hash tags).
RedisClient: TypeAlias = Redis | RedisCluster
# What "Redis is unavailable" looks like: a cluster client that reaches no node raises RedisClusterException.
REDIS_ERRORS = (RedisError, RedisClusterException, OSError)


# redis-py 8.1 (issue #4287): a write on a pooled connection that a timeout or the peer closed raises the
# transport's own RuntimeError/AttributeError/TypeError instead of ConnectionError, past every retry, and the
# connection stays broken. These clients turn it into ConnectionError (fail closed, like any outage) and drop
# their connections, so the next command reconnects.
_TRANSPORT_LEAKS = (RuntimeError, AttributeError, TypeError)


class _SingleClient(Redis):
    async def execute_command(self, *args: Any, **options: Any) -> Any:
        try:
            return await super().execute_command(*args, **options)  # type: ignore[no-untyped-call]
        except _TRANSPORT_LEAKS as exc:
            await self.connection_pool.disconnect()
            raise RedisConnectionError(f"Redis connection broken: {exc!r}") from exc


class _ClusterClient(RedisCluster):
    async def execute_command(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return await super().execute_command(*args, **kwargs)
        except _TRANSPORT_LEAKS as exc:
            await self.aclose()  # releases every node's connections; the next command reconnects
            raise RedisConnectionError(f"Redis Cluster connection broken: {exc!r}") from exc


def connect(settings: Settings) -> RedisClient:
    if settings.redis_cluster:
        # REDIS_URL is the start node; the client learns the other nodes and the slot map from it.
        return _ClusterClient.from_url(
            settings.redis_url,
            socket_timeout=settings.redis_timeout_s,
            socket_connect_timeout=settings.redis_timeout_s,
            health_check_interval=0,
            # Maintenance push notifications (a managed-Redis feature) add a command to every new connection; a
            # connection that times out during it is left closed under the client (RuntimeError, not RedisError).
            maint_notifications_config=MaintNotificationsConfig(enabled=False),
        )
    return _SingleClient.from_url(
        settings.redis_url,
        socket_timeout=settings.redis_timeout_s,
        socket_connect_timeout=settings.redis_timeout_s,
        retry_on_timeout=False,
        health_check_interval=0,
        maint_notifications_config=MaintNotificationsConfig(enabled=False),
    )


async def flush(client: RedisClient) -> None:
    """Empties every node (tests): FLUSHDB goes to each primary of a cluster."""
    if isinstance(client, RedisCluster):
        await client.flushdb(target_nodes=RedisCluster.PRIMARIES)
    else:
        await client.flushdb()
