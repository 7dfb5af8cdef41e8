"""`graph-api serve` checks its configuration before it takes traffic: a wrong setting is one line naming it.

Checked: Neo4j answers at NEO4J_URI (for neo4j://, that it hands out a routing table), the credentials work;
Redis answers at REDIS_URL, as a cluster node when REDIS_CLUSTER=1 and as a single server otherwise.
"""

from __future__ import annotations

import asyncio

import neo4j
from neo4j.exceptions import AuthError, ConfigurationError, DriverError, Neo4jError, ServiceUnavailable
from redis.exceptions import ResponseError

from graph_api.access import redis_client
from graph_api.settings import Settings


class ConfigError(Exception):
    """One line: the setting, its value, what is wrong."""


def _routing(uri: str) -> bool:
    return uri.split("://", 1)[0].startswith("neo4j")


async def _neo4j(settings: Settings) -> None:
    uri = settings.neo4j_uri
    auth = (settings.neo4j_user, settings.neo4j_password.get_secret_value())
    try:
        driver = neo4j.AsyncGraphDatabase.driver(uri, auth=auth, connection_timeout=settings.neo4j_connect_timeout_s)
    except (ConfigurationError, ValueError) as exc:
        raise ConfigError(f"NEO4J_URI={uri} is not a Neo4j URI: {exc}") from exc
    try:
        host, port = settings.neo4j_host_port
        try:
            _, writer = await asyncio.wait_for(asyncio.open_connection(host, port), settings.neo4j_connect_timeout_s)
            writer.close()
        except (OSError, TimeoutError) as exc:
            raise ConfigError(f"NEO4J_URI={uri}: nothing answers on {host}:{port} ({type(exc).__name__})") from exc
        async with asyncio.timeout(settings.neo4j_connect_timeout_s + settings.neo4j_retry_time_s + 2):
            await driver.verify_connectivity()
    except AuthError as exc:
        raise ConfigError(f"NEO4J_USER/NEO4J_PASSWORD: Neo4j at {uri} refused the credentials") from exc
    except (ServiceUnavailable, DriverError, OSError, TimeoutError) as exc:
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        if _routing(uri) and "routing" in detail.lower():
            raise ConfigError(
                f"NEO4J_URI={uri}: the server gives no routing table (routing is off, or it is not a cluster member); "
                f"use bolt:// for a single server ({detail})"
            ) from exc
        raise ConfigError(f"NEO4J_URI={uri}: no Neo4j answers there ({detail})") from exc
    except Neo4jError as exc:
        raise ConfigError(f"NEO4J_URI={uri}: Neo4j refused: {exc.message}") from exc
    finally:
        await driver.close()


async def _redis(settings: Settings) -> None:
    url = settings.redis_url
    client = redis_client.connect(settings.model_copy(update={"redis_timeout_s": 2.0}))
    try:
        info = await client.info("cluster")
        if isinstance(info, dict) and "cluster_enabled" not in info:  # a cluster client answers per node
            info = next(iter(info.values()), {})
        enabled = bool(int(info.get("cluster_enabled", 0))) if isinstance(info, dict) else False
    except ResponseError as exc:
        raise ConfigError(f"REDIS_URL={url}: Redis refused INFO ({exc})") from exc
    except redis_client.REDIS_ERRORS as exc:
        hint = " (REDIS_CLUSTER=1: is it a Redis Cluster node?)" if settings.redis_cluster else ""
        raise ConfigError(f"REDIS_URL={url}: no Redis answers there{hint} ({exc})") from exc
    finally:
        await client.aclose()
    if enabled and not settings.redis_cluster:
        raise ConfigError(f"REDIS_CLUSTER is off but REDIS_URL={url} is a Redis Cluster node: set REDIS_CLUSTER=1")


def _tracing(settings: Settings) -> None:
    if settings.otel_exporter_otlp_endpoint:
        try:
            import opentelemetry.exporter.otlp.proto.http.trace_exporter
            import opentelemetry.sdk.trace  # noqa: F401
        except ImportError as exc:
            raise ConfigError(
                "OTEL_EXPORTER_OTLP_ENDPOINT is set but the tracing extra is not installed: "
                "pip install 'graph-api[tracing]'"
            ) from exc


async def check(settings: Settings) -> None:
    _tracing(settings)
    await _neo4j(settings)
    await _redis(settings)


def run(settings: Settings) -> None:
    asyncio.run(check(settings))
