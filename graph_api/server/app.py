"""The HTTP adapter: Starlette routes over the framework-neutral schema. The only module that touches Starlette."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from redis.exceptions import RedisError
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from strawberry.asgi import GraphQL

from graph_api.access.identity import IdentityMiddleware
from graph_api.server.export import EXPORT_PREFIX, export_endpoint
from graph_api.services import Services
from graph_api.settings import Settings, get_settings
from schema import build_schema
from schema.context import Context
from schema.errors import ServiceUnavailable


class GraphQLApp(GraphQL[Context, None]):
    def __init__(self, services: Services) -> None:
        super().__init__(
            build_schema(),
            graphql_ide="graphiql" if services.settings.graphiql else None,
            allow_queries_via_get=False,
        )
        self.services = services

    async def get_context(self, request: Request, response: Any) -> Context:  # type: ignore[override]
        return self.services.context(request.scope.get("state", {}).get("identity"))


def create_app(settings: Settings | None = None) -> Starlette:
    services = Services(settings or get_settings())
    graphql = GraphQLApp(services)

    async def health(request: Request) -> Response:
        checks: dict[str, str] = {}
        try:
            await services.graph.ping()
            checks["neo4j"] = "ok"
        except ServiceUnavailable as exc:
            checks["neo4j"] = str(exc)
        try:
            await services.redis.ping()
            checks["redis"] = "ok"
        except (RedisError, OSError) as exc:
            checks["redis"] = f"unavailable: {type(exc).__name__}"
        healthy = all(v == "ok" for v in checks.values())
        return JSONResponse(checks, status_code=200 if healthy else 503)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        await services.close()

    app = Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Route("/healthz", health),
            Route(EXPORT_PREFIX + "{source:path}.ndjson", export_endpoint(services)),
        ],
        middleware=[Middleware(IdentityMiddleware, resolver=services.resolver, prefixes=(EXPORT_PREFIX,))],
        lifespan=lifespan,
    )
    app.state.services = services
    return app
