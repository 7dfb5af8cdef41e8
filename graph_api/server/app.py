"""The HTTP adapter: Starlette routes over the framework-neutral schema. Only graph_api/server touches Starlette."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import orjson
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLRequestData
from strawberry.types import ExecutionResult

from graph_api import logs
from graph_api.access.identity import IdentityMiddleware
from graph_api.access.redis_client import REDIS_ERRORS
from graph_api.mcp.http import HttpEndpoint
from graph_api.server import probes, tracing
from graph_api.server.observe import ObservedGraphQL, ObserveMiddleware
from graph_api.services import Services
from graph_api.settings import Settings, get_settings
from graph_api.web import routes as site_routes
from graph_api.web.graphiql import offline_graphiql_html
from schema import build_schema
from schema.context import Context
from schema.errors import ServiceUnavailable


class GraphQLApp(ObservedGraphQL, GraphQL[Context, None]):
    def __init__(self, services: Services) -> None:
        super().__init__(
            build_schema(),
            graphql_ide="graphiql" if services.settings.graphiql else None,
            allow_queries_via_get=False,
        )
        self.services = services

    @property
    def graphql_ide_html(self) -> str:
        return offline_graphiql_html()

    async def get_context(self, request: Request, response: Any) -> Context:  # type: ignore[override]
        return self.services.context(request.scope.get("state", {}).get("identity"))

    def encode_json(self, data: object) -> bytes:
        return orjson.dumps(data)

    async def execute_single(
        self,
        request: Request,
        request_adapter: Any,
        sub_response: Any,
        context: Context,
        root_value: None,
        request_data: GraphQLRequestData,
    ) -> ExecutionResult:
        async def run() -> ExecutionResult:
            return await super(GraphQLApp, self).execute_single(
                request=request,
                request_adapter=request_adapter,
                sub_response=sub_response,
                context=context,
                root_value=root_value,
                request_data=request_data,
            )

        if request_adapter.method != "POST":
            return await run()
        return await self.services.results.answer(
            context,
            request_data.query,
            request_data.variables,
            request_data.operation_name,
            self.services.reader.current,
            run,
        )


def create_app(settings: Settings | None = None) -> Starlette:
    services = Services(settings or get_settings())
    graphql = GraphQLApp(services)
    mcp = HttpEndpoint(services)

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
        except REDIS_ERRORS as exc:
            checks["redis"] = f"unavailable: {type(exc).__name__}"
        healthy = all(v == "ok" for v in checks.values())
        return JSONResponse(checks, status_code=200 if healthy else 503)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        async with mcp.running(), probes.pool_sampler(services):
            yield
        await services.close()

    logs.configure(services.settings.log_level)
    observed = [Middleware(ObserveMiddleware)] if services.settings.metrics else []
    traces = tracing.tracer(services.graph, services.settings)
    if traces is not None:
        observed.append(Middleware(tracing.TracingMiddleware, tracer=traces))
    app = Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Route("/healthz", health),
            Route("/mcp", mcp),
            *site_routes(services),
            *(Route(path, endpoint) for path, endpoint in probes.routes(services)),
        ],
        middleware=[
            *observed,
            Middleware(IdentityMiddleware, resolver=services.resolver),
            Middleware(IdentityMiddleware, resolver=services.resolver, path="/mcp"),
        ],
        lifespan=lifespan,
    )
    app.state.services = services
    return app
