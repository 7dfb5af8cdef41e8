"""OpenTelemetry traces, only when OTEL_EXPORTER_OTLP_ENDPOINT is set (the `tracing` extra): one span per HTTP
request (operation, status, request id) and, inside it, one per Cypher statement (its file name and time).

Off by default: nothing here is imported then, and a request pays nothing for it.
"""

from __future__ import annotations

import time
from typing import Any

from graph_api.server.observe import OBSERVED
from graph_api.settings import Settings
from graph_api.store.graph import Graph

MISSING = "OTEL_EXPORTER_OTLP_ENDPOINT is set but the tracing extra is not installed: pip install 'graph-api[tracing]'"


def provider(settings: Settings) -> Any:
    """A tracer provider exporting over OTLP/HTTP to the configured endpoint."""
    try:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
        from opentelemetry.sdk.resources import Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor
    except ImportError as exc:
        raise RuntimeError(MISSING) from exc
    endpoint = (settings.otel_exporter_otlp_endpoint or "").rstrip("/") + "/v1/traces"
    traces = TracerProvider(resource=Resource.create({"service.name": "graph-api"}))
    traces.add_span_processor(BatchSpanProcessor(OTLPSpanExporter(endpoint=endpoint)))
    return traces


class TracingMiddleware:
    """Pure ASGI; sits inside ObserveMiddleware, so the request id and operation are known when the span ends."""

    def __init__(self, app: Any, tracer: Any) -> None:
        self.app = app
        self.tracer = tracer

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        with self.tracer.start_as_current_span(f"{scope['method']} {scope['path']}", kind=_server_kind()) as span:
            await self.app(scope, receive, send)
            seen = OBSERVED.get()
            if seen is not None:
                span.set_attribute("http.response.status_code", seen["status"])
                span.set_attribute("graph_api.request_id", seen["request_id"])
                if seen["operation"]:
                    span.set_attribute("graphql.operation.name", seen["operation"])


def _server_kind() -> Any:
    from opentelemetry.trace import SpanKind

    return SpanKind.SERVER


def trace_statements(graph: Graph, tracer: Any) -> None:
    """Each statement becomes a span of the request it ran for, timed as Graph measured it."""

    def observe(name: str, seconds: float) -> None:
        end = time.time_ns()
        span = tracer.start_span(f"cypher {name}", start_time=end - int(seconds * 1e9))
        span.set_attribute("db.system", "neo4j")
        span.set_attribute("db.operation.name", name)
        span.end(end_time=end)

    graph.observers.append(observe)


def tracer(graph: Graph, settings: Settings, traces: Any | None = None) -> Any | None:
    """A tracer when tracing is configured (or a provider is given: tests), with Cypher spans hooked; else None."""
    if traces is None and not settings.otel_exporter_otlp_endpoint:
        return None
    traces = traces or provider(settings)
    found = traces.get_tracer("graph_api")
    trace_statements(graph, found)
    return found
