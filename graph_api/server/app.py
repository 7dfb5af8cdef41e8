"""The HTTP adapter: Starlette routes over the framework-neutral schema. The only module that touches Starlette."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from redis.exceptions import RedisError
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from graph_api.access.identity import IdentityMiddleware
from graph_api.server.body_limit import BodyLimitMiddleware
from graph_api.server.graphql_http import GraphQLEndpoint
from graph_api.server.production import SecurityHeadersMiddleware, check_production
from graph_api.services import Services
from graph_api.settings import Settings, get_settings
from schema import build_schema
from schema.context import Context
from schema.cost import Limits
from schema.errors import ServiceUnavailable
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
    graphql = GraphQLEndpoint(graphql_schema(settings, cache), context, settings.enabled(settings.graphiql))

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

    origins = [o.strip() for o in settings.cors_origins.split(",") if o.strip()]
    allowed = ["content-type", "authorization", "x-api-key"]
    cors = [Middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST"], allow_credentials=True,
                       allow_headers=allowed, max_age=600)] if origins else []  # fmt: skip
    app = Starlette(
        routes=[Route("/graphql", graphql, methods=["GET", "POST"]), Route("/healthz", health)],
        middleware=[
            Middleware(SecurityHeadersMiddleware, hsts=settings.cookie_secure or settings.production),
            *cors,
            Middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes),
            Middleware(IdentityMiddleware, resolver=services.resolver),
        ],
        lifespan=lifespan,
    )
    app.state.services = services
    app.state.graphql_cache = cache
    app.state.graphql_endpoint = graphql
    return app
