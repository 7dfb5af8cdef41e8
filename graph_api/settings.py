"""Settings, read once from the environment into an immutable object."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(frozen=True, extra="ignore")

    neo4j_uri: str = "bolt://127.0.0.1:7687"
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr = SecretStr("graph-api-dev-password")
    neo4j_database: str = "neo4j"
    # Named driver policy: how long to wait for a socket, for a pooled connection, for one query,
    # and how long a managed transaction keeps retrying transient errors.
    neo4j_connect_timeout_s: float = 2.0
    neo4j_acquire_timeout_s: float = 2.0
    neo4j_query_timeout_s: float = 10.0
    neo4j_retry_time_s: float = 2.0
    # One read in this many runs with PROFILE, its db hits reported per statement on /metrics (0: never)
    cypher_profile_every: int = 1000
    # Seconds a starting process may spend planning its keyed reads and reading one code page before it serves
    # (0: plan on first use)
    neo4j_warm_s: float = 60.0
    neo4j_pool_size: int = 50
    # Read statements one process runs at once; more wait their turn, at most neo4j_read_queue_s, then answer
    # SERVICE_UNAVAILABLE. Dozens at once on a cold Neo4j (plans and JIT not warm) ran each other past the query
    # timeout; the same burst in turns finished in seconds. Raise it with Neo4j's cores.
    neo4j_max_reads: int = 16
    neo4j_read_queue_s: float = 10.0

    redis_url: str = "redis://127.0.0.1:6379/0"
    redis_timeout_s: float = 0.1
    # A Redis Cluster: REDIS_URL names one start node; the client discovers the others.
    redis_cluster: bool = False

    # Observability: JSON log lines (one per request and per load) at this level; Prometheus /metrics;
    # OpenTelemetry traces to this OTLP endpoint when set (needs the `tracing` extra).
    log_level: str = "INFO"
    metrics: bool = True
    otel_exporter_otlp_endpoint: str | None = None

    graph_api_secret: SecretStr = SecretStr("graph-api-dev-secret-change-me-in-production")
    # Identity: HS256 with GRAPH_API_SECRET, or RS256 when a PEM public key is configured.
    jwt_public_key: str | None = None
    cookie_secure: bool = False

    # View metering: code pages per period, per tier (-1 = unlimited); partners get their key's quota.
    metering: bool = True
    view_period_days: int = 30
    guest_view_limit: int = 1
    registered_view_limit: int = 6
    premium_view_limit: int = -1
    partner_default_quota: int = 10_000
    partner_default_rpm: int = 600
    graphiql: bool | None = None  # None: on in development, off in production

    # Local stack (graph-api stack up): where data lives and how much memory Neo4j may take.
    stack_dir: Path = Field(default_factory=lambda: Path.cwd() / ".stack")
    neo4j_dist_dir: Path | None = None  # default: <stack_dir>/neo4j
    neo4j_heap_mb: int = 2048
    neo4j_pagecache_mb: int = 512
    neo4j_tx_memory_mb: int = 1536

    # Read cache: answers are kept until the current releases change, checked at most this often
    # (0: before every read); at most this many keys per traversal.
    read_cache_check_s: float = 1.0
    read_cache_entries: int = 10_000
    # Whole results of repeated operations (graph_api/server/result_cache.py): at most this many, this many MiB,
    # and only for documents up to this many characters; 0 entries turns it off.
    result_cache_entries: int = 2_000
    result_cache_mb: int = 64
    result_cache_document_max: int = 20_000

    # Public internet (docs/security.md). production refuses default secrets and turns the IDE and
    # introspection off unless asked (None: on in development, off in production).
    graph_api_env: str = "development"
    introspection: bool | None = None
    field_suggestions: bool | None = None
    cors_origins: str = ""  # comma-separated origins allowed to call from a browser
    trusted_proxies: str = ""  # comma-separated addresses or networks whose X-Forwarded-For is believed
    # Limits before work: body bytes, document shape, cost per operation per tier.
    max_body_bytes: int = 100_000
    query_max_tokens: int = 2_000
    query_max_depth: int = 12
    query_max_aliases: int = 50
    query_max_fields: int = 1_000
    cost_limit_guest: int = 2_000
    cost_limit_registered: int = 5_000
    cost_limit_premium: int = 20_000
    cost_limit_partner: int = 50_000
    document_cache_entries: int = 1_024
    document_cache_mb: int = 64
    # Fair use for everyone, per identity per minute (0: off); guests of one address share a page budget.
    requests_per_minute: int = 300
    cost_per_minute: int = 20_000
    guest_address_view_limit: int = 5
    # Degrade: partner keys verified within this many seconds answer free fields while Redis is down;
    # the read cache serves the last known releases this long while Neo4j is down.
    api_key_memory_s: float = 60.0
    read_cache_stale_s: float = 300.0

    load_batch_size: int = 10_000
    # Staged (multi-million-row) loads keep this many batches in flight; 2 suits a 2-core machine.
    load_writers: int = 2

    @property
    def production(self) -> bool:
        return self.graph_api_env.strip().lower() == "production"

    def enabled(self, flag: bool | None) -> bool:
        """An optional switch: as set, else on in development and off in production."""
        return (not self.production) if flag is None else flag

    @property
    def neo4j_host_port(self) -> tuple[str, int]:
        parts = urlsplit(self.neo4j_uri)
        return parts.hostname or "127.0.0.1", parts.port or 7687

    @property
    def redis_host_port(self) -> tuple[str, int]:
        parts = urlsplit(self.redis_url)
        return parts.hostname or "127.0.0.1", parts.port or 6379


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
