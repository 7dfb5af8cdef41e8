"""What an operator sees of each request: a request id, one JSON log line, latency and refusals in Prometheus.

Pure ASGI middleware, outermost: it sees every response, including the 401/429 the identity middleware answers
itself. The request id is the caller's `X-Request-Id` when it is a sane token, else a fresh one; it is echoed
in the response header, in every GraphQL error's extensions (graph_api/server/app.py) and in the log line.
The GraphQL view fills in the operation name and cost (OBSERVED, a context variable of the request's task).
"""

from __future__ import annotations

import itertools
import logging
import re
import time
import uuid
from contextvars import ContextVar
from typing import Any

from graph_api import metrics

REQUEST_ID_HEADER = b"x-request-id"
_SANE_ID = re.compile(rb"[A-Za-z0-9._:-]{1,64}")
_ROOT_FIELD = re.compile(r"(?:query|mutation|subscription)?\s*(\w+)?[^{]*\{\s*(\w+)")
log = logging.getLogger("graph_api.request")
# What the GraphQL view learns about the request being answered (operation, cost, request id).
OBSERVED: ContextVar[dict[str, Any] | None] = ContextVar("observed", default=None)


def operation_name(query: str | None, given: str | None) -> str | None:
    """operationName when the caller sent one, else the operation's own name, else its first root field."""
    if given:
        return given
    found = _ROOT_FIELD.match(query.lstrip()[:500]) if query else None
    return (found.group(1) or found.group(2)) if found else None


# A fresh request id: this process's random prefix and a counter (unique without a system call per request).
_PREFIX = uuid.uuid4().hex[:16]
_COUNTER = itertools.count(1)


def request_id(scope: dict[str, Any]) -> str:
    for name, value in scope.get("headers", ()):
        if name == REQUEST_ID_HEADER and _SANE_ID.fullmatch(value):
            return str(value.decode("ascii"))
    return f"{_PREFIX}{next(_COUNTER):016x}"


class ObserveMiddleware:
    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        rid = request_id(scope)
        seen: dict[str, Any] = {"operation": None, "cost": None, "status": 500, "request_id": rid}
        token = OBSERVED.set(seen)
        header = (REQUEST_ID_HEADER, rid.encode("ascii"))

        async def send_observed(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                seen["status"] = message["status"]
                message = {**message, "headers": [*message.get("headers", []), header]}
            await send(message)

        try:
            await self.app(scope, receive, send_observed)
        finally:
            OBSERVED.reset(token)
            self._record(scope, seen, rid, time.perf_counter() - started)

    @staticmethod
    def _record(scope: dict[str, Any], seen: dict[str, Any], rid: str, seconds: float) -> None:
        status = seen["status"]
        path = scope["path"]
        operation = metrics.operation_label(seen["operation"]) if path == "/graphql" else path
        if path != "/metrics":
            metrics.child(metrics.REQUEST_SECONDS, operation, str(status)).observe(seconds)
        if status == 429:
            metrics.RATE_LIMITED.inc()
        if seen["cost"] is not None:
            metrics.child(metrics.OPERATION_COST, operation).observe(seen["cost"])
        if log.isEnabledFor(logging.INFO):
            fields = {
                "request_id": rid,
                "method": scope["method"],
                "path": path,
                "status": status,
                "ms": round(seconds * 1000, 2),
                "operation": operation,
            }
            if seen["cost"] is not None:
                fields["cost"] = seen["cost"]
            # A record made directly: logging's own path walks the stack for a caller nobody reads.
            record = logging.LogRecord(log.name, logging.INFO, "", 0, "request", None, None)
            record.fields = fields
            log.handle(record)


def note_operation(query: str | None, given: str | None) -> None:
    """Tells the middleware which operation this request runs (the GraphQL endpoint calls it)."""
    seen = OBSERVED.get()
    if seen is not None:
        seen["operation"] = operation_name(query, given)


def note_result(payload: dict[str, Any]) -> None:
    """Tells the middleware the operation's cost, and puts the request id into every GraphQL error's
    extensions (a caller quotes it; the operator finds the log line)."""
    seen = OBSERVED.get()
    if seen is None:
        return
    cost = _cost((payload.get("extensions") or {}).get("cost"))
    if cost is not None:
        seen["cost"] = cost
    for error in payload.get("errors") or ():
        error.setdefault("extensions", {})["requestId"] = seen["request_id"]


def _cost(value: Any) -> float | None:
    """extensions.cost as a number: itself, or the first number among total/actual/requested of an object."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, dict):
        for key in ("total", "actual", "requested", "cost"):
            if isinstance(value.get(key), int | float):
                return float(value[key])
    return None
