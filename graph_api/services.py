"""The long-lived clients of one process: opened at start-up, closed at shutdown."""

from __future__ import annotations

from dataclasses import dataclass, field

from redis.asyncio import Redis

from graph_api import redis_store
from graph_api.cypher import CypherLibrary
from graph_api.graph import Graph
from graph_api.reader import Neo4jReader
from graph_api.settings import Settings
from schema.context import Context


@dataclass
class Services:
    settings: Settings
    graph: Graph = field(init=False)
    reader: Neo4jReader = field(init=False)
    redis: Redis = field(init=False)

    def __post_init__(self) -> None:
        self.graph = Graph(self.settings, CypherLibrary(self.settings.cypher_dir))
        self.reader = Neo4jReader(self.graph)
        self.redis = redis_store.connect(self.settings)

    def context(self) -> Context:
        return Context(reader=self.reader)

    async def close(self) -> None:
        await self.graph.close()
        await self.redis.aclose()
