"""Tracing when configured: a span per request with its operation and request id, a span per Cypher statement."""

from __future__ import annotations

import time
from typing import Any

from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from graph_api.server import tracing
from graph_api.server.observe import OBSERVED, ObserveMiddleware
from graph_api.settings import Settings
from graph_api.store.graph import Graph


async def test_requests_and_statements_become_spans() -> None:
    exported = InMemorySpanExporter()
    traces = TracerProvider()
    traces.add_span_processor(SimpleSpanProcessor(exported))
    graph = Graph(Settings(neo4j_uri="bolt://127.0.0.1:1"))  # never connected: statements are reported by hand
    tracer = tracing.tracer(graph, Settings(), traces)
    assert tracer is not None

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        seen = OBSERVED.get()
        assert seen is not None
        seen["operation"] = "code"
        graph.observe("get_codes", time.perf_counter() - 0.002)
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})

    stack = ObserveMiddleware(tracing.TracingMiddleware(app, tracer))
    scope = {"type": "http", "method": "POST", "path": "/graphql", "headers": [(b"x-request-id", b"trace-me")]}

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        return None

    await stack(scope, receive, send)
    await graph.close()
    spans = {s.name: s for s in exported.get_finished_spans()}
    request, statement = spans["POST /graphql"], spans["cypher get_codes"]
    assert request.attributes is not None and statement.attributes is not None
    assert request.attributes["graph_api.request_id"] == "trace-me"
    assert request.attributes["graphql.operation.name"] == "code"
    assert request.attributes["http.response.status_code"] == 200
    assert statement.parent is not None and statement.parent.span_id == request.context.span_id
    assert statement.attributes["db.operation.name"] == "get_codes"
    assert statement.end_time is not None and statement.start_time is not None
    assert statement.end_time - statement.start_time >= 2_000_000


async def test_off_unless_configured() -> None:
    graph = Graph(Settings(neo4j_uri="bolt://127.0.0.1:1"))
    try:
        assert tracing.tracer(graph, Settings()) is None
        assert len(graph.observers) == 1  # only the metrics observer
    finally:
        await graph.close()
