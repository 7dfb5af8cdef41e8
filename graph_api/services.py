"""The long-lived clients of one process: opened at start-up, closed at shutdown."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial

from graph_api.access import redis_client
from graph_api.access.identity import Identity, Resolver
from graph_api.access.redis_client import RedisClient
from graph_api.access.scripts import Scripts
from graph_api.access.view_meter import RedisMeter
from graph_api.server.result_cache import ResultCache
from graph_api.settings import Settings
from graph_api.store.cache import CachedReader
from graph_api.store.graph import Graph
from graph_api.store.reads import Neo4jReader
from graph_api.store.version import Versions
from schema.context import Context


@dataclass
class Services:
    settings: Settings
    graph: Graph = field(init=False)
    reader: CachedReader = field(init=False)
    redis: RedisClient = field(init=False)
    scripts: Scripts = field(init=False)
    resolver: Resolver = field(init=False)
    results: ResultCache = field(init=False)

    def __post_init__(self) -> None:
        self.graph = Graph(self.settings)
        versions = Versions(self.graph, self.settings.read_cache_check_s, self.settings.read_cache_stale_s)
        self.reader = CachedReader(Neo4jReader(self.graph, versions), versions, self.settings.read_cache_entries)
        self.redis = redis_client.connect(self.settings)
        self.scripts = Scripts(self.redis)
        self.resolver = Resolver(self.settings, self.redis, self.scripts)
        s = self.settings
        # READ_CACHE_ENTRIES=0 means every answer comes from the graph: whole results are not kept either.
        entries = s.result_cache_entries if s.read_cache_entries > 0 else 0
        self.results = ResultCache(entries, s.result_cache_mb << 20, s.result_cache_document_max)

    def cost_limit(self, identity: Identity | None) -> int:
        s = self.settings
        limits = {"registered": s.cost_limit_registered, "premium": s.cost_limit_premium,
                  "partner": s.cost_limit_partner}  # fmt: skip
        return limits.get(identity.tier if identity else "guest", s.cost_limit_guest)

    def context(self, identity: Identity | None) -> Context:
        cost_limit = self.cost_limit(identity)
        on_cost = partial(self.resolver.fair_use.charge, identity.subject) if identity and identity.subject else None
        if identity is None or not self.settings.metering:
            return Context(reader=self.reader, cost_limit=cost_limit, on_cost=on_cost)
        meter = RedisMeter(self.redis, self.scripts, identity, self.resolver.period_s)
        return Context(reader=self.reader, meter=meter, cost_limit=cost_limit, on_cost=on_cost)

    async def close(self) -> None:
        await self.graph.close()
        await self.redis.aclose()
