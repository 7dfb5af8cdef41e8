"""The HTTP adapter: Starlette routes over the framework-neutral schema. Only graph_api/server touches Starlette."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.routing import Route

from graph_api import logs
from graph_api.access.identity import IdentityMiddleware
from graph_api.mcp.http import HttpEndpoint
from graph_api.server import probes, tracing
from graph_api.server.body_limit import BodyLimitMiddleware
from graph_api.server.export import EXPORT_PREFIX, export_endpoint
from graph_api.server.graphql_http import GraphQLEndpoint
from graph_api.server.observe import ObserveMiddleware
from graph_api.server.production import SecurityHeadersMiddleware, check_production
from graph_api.services import Services
from graph_api.settings import Settings, get_settings
from graph_api.store.warm import warm
from graph_api.web import routes as site_routes
from graph_api.web.graphiql import offline_graphiql_html
from schema import build_schema
from schema.context import Context
from schema.cost import Limits
from schema.gate import DocumentCache


def graphql_schema(settings: Settings, cache: DocumentCache) -> Any:
    limits = Limits(settings.query_max_depth, settings.query_max_aliases, settings.query_max_fields,
                    settings.query_max_tokens)  # fmt: skip
    return build_schema(
        limits, cache, settings.enabled(settings.introspection), settings.enabled(settings.field_suggestions)
    )


def create_app(settings: Settings | None = None) -> Starlette:
    settings = settings or get_settings()
    check_production(settings)
    services = Services(settings)

    def context(scope: dict[str, Any]) -> Context:
        return services.context(scope.get("state", {}).get("identity"))

    # Only documents under the body cap reach the cache; it is bounded by entries and estimated bytes.
    cache = DocumentCache(settings.document_cache_entries, settings.document_cache_mb * 1024 * 1024,
                          max_text=settings.max_body_bytes)  # fmt: skip
    ide = offline_graphiql_html() if settings.enabled(settings.graphiql) else None

    async def answer(ctx: Context, query: str | None, variables: Any, operation: str | None, run: Any) -> Any:
        return await services.results.answer(ctx, query, variables, operation, services.reader.current, run)

    graphql = GraphQLEndpoint(graphql_schema(settings, cache), context, ide, answer)
    mcp = HttpEndpoint(services)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if settings.neo4j_warm_s > 0:
            await warm(services.graph, settings.neo4j_warm_s)
        async with mcp.running(), probes.pool_sampler(services):
            yield
        await services.close()

    logs.configure(services.settings.log_level)
    observed = [Middleware(ObserveMiddleware)] if services.settings.metrics else []
    traces = tracing.tracer(services.graph, services.settings)
    if traces is not None:
        observed.append(Middleware(tracing.TracingMiddleware, tracer=traces))
    origins = [o.strip() for o in settings.cors_origins.split(",") if o.strip()]
    allowed = ["content-type", "authorization", "x-api-key"]
    cors = [Middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST"], allow_credentials=True,
                       allow_headers=allowed, max_age=600)] if origins else []  # fmt: skip
    app = Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Route("/mcp", mcp),
            *site_routes(services),
            *(Route(path, endpoint) for path, endpoint in probes.routes(services)),
            Route(EXPORT_PREFIX + "{source:path}.ndjson", export_endpoint(services)),
        ],
        middleware=[
            *observed,
            Middleware(SecurityHeadersMiddleware, hsts=settings.cookie_secure or settings.production),
            *cors,
            Middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes),
            Middleware(IdentityMiddleware, resolver=services.resolver, prefixes=(EXPORT_PREFIX,)),
            Middleware(IdentityMiddleware, resolver=services.resolver, path="/mcp"),
        ],
        lifespan=lifespan,
    )
    app.state.services = services
    app.state.graphql_cache = cache
    app.state.graphql_endpoint = graphql
    return app
