"""GraphQL over HTTP (the GraphQL-over-HTTP spec): GET and POST, application/graphql-response+json and
application/json, request errors as 4xx with a JSON body, never a traceback.

Pure ASGI; the body has already been capped by body_limit.py. The schema runs the document; this module only
turns bytes into a request and a result into bytes.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

import orjson
from strawberry import Schema
from strawberry.schema.exceptions import CannotGetOperationTypeError
from strawberry.types import ExecutionResult

from graph_api.server.observe import note_operation, note_result
from schema.context import Context

log = logging.getLogger("graph_api.http")

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
BODY_KEY = "graph_api.body"  # scope key where body_limit.py leaves the body it read


class RequestError(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


@dataclass(frozen=True, slots=True)
class Params:
    query: str
    variables: dict[str, Any] | None
    operation_name: str | None


def _media_type(accept: str) -> str:
    """The response type the client accepts, graphql-response+json first; 406 when neither is accepted."""
    if not accept.strip():
        return JSON
    offered = [part.split(";")[0].strip().lower() for part in accept.split(",")]
    if GRAPHQL_RESPONSE in offered:
        return GRAPHQL_RESPONSE
    if JSON in offered or "*/*" in offered or "application/*" in offered:
        return JSON
    raise RequestError(406, f"Accept must allow {GRAPHQL_RESPONSE} or {JSON}.")


def _json(raw: str | bytes, what: str) -> Any:
    # orjson: a tenth of a 10,000-line validateClaims' CPU went to the standard library's decoder. It is also
    # stricter: NaN, Infinity and lone surrogates are refused (400) rather than passed on.
    try:
        return orjson.loads(raw)
    except (ValueError, RecursionError) as exc:  # orjson.JSONDecodeError and UnicodeDecodeError are ValueErrors
        raise RequestError(400, f"The {what} is not valid JSON in UTF-8.") from exc


def _params(found: dict[str, Any]) -> Params:
    query, variables, name = found.get("query"), found.get("variables"), found.get("operationName")
    extensions = found.get("extensions")
    if not isinstance(query, str) or not query.strip():
        raise RequestError(400, "The request must have a 'query' string.")
    if variables is not None and not isinstance(variables, dict):
        raise RequestError(400, "'variables' must be a JSON object or null.")
    if name is not None and not isinstance(name, str):
        raise RequestError(400, "'operationName' must be a string or null.")
    if extensions is not None and not isinstance(extensions, dict):
        raise RequestError(400, "'extensions' must be a JSON object or null.")
    return Params(query, variables, name)


def _from_get(query_string: bytes) -> Params:
    try:
        pairs = dict(parse_qsl(query_string.decode("utf-8", errors="strict"), keep_blank_values=True))
    except (UnicodeDecodeError, ValueError) as exc:
        raise RequestError(400, "The query string is not valid UTF-8.") from exc
    found: dict[str, Any] = {"query": pairs.get("query"), "operationName": pairs.get("operationName") or None}
    for key in ("variables", "extensions"):
        if pairs.get(key):
            found[key] = _json(pairs[key], key)
    if isinstance(found["query"], str) and _is_mutation(found["query"]):
        raise RequestError(405, "Only queries may be sent with GET; use POST.", {"allow": "POST"})
    return _params(found)


def _is_mutation(query: str) -> bool:
    return query.lstrip().startswith(("mutation", "subscription"))


def _from_post(headers: dict[str, str], body: bytes) -> Params:
    content_type = headers.get("content-type", "")
    media, _, rest = content_type.partition(";")
    if media.strip().lower() != JSON:
        raise RequestError(415, f"Content-Type must be {JSON}.")
    charset = rest.strip().lower().removeprefix("charset=").strip('"') if "charset=" in rest.lower() else "utf-8"
    if charset != "utf-8":
        raise RequestError(415, "The only charset accepted is utf-8.")
    found = _json(body, "request body")
    if not isinstance(found, dict):
        raise RequestError(400, "The request body must be a JSON object.")
    return _params(found)


def _is_request_error(result: ExecutionResult) -> bool:
    """No data and no error from a field: the document or the variables were refused before execution."""
    return result.data is None and bool(result.errors) and all(e.path is None for e in result.errors or ())


ContextFactory = Callable[[dict[str, Any]], Context]
Send = Callable[[dict[str, Any]], Awaitable[None]]
Run = Callable[[], Awaitable[ExecutionResult]]
# How an operation is answered: (context, query, variables, operation name, run it) -> result; the service
# answers repeated operations from its result cache (graph_api/server/result_cache.py).
Answer = Callable[[Context, str | None, dict[str, Any] | None, str | None, Run], Awaitable[ExecutionResult]]


async def _run(context: Context, query: str | None, variables: Any, operation: str | None, run: Run) -> ExecutionResult:
    return await run()


class GraphQLEndpoint:
    def __init__(self, schema: Schema, context: ContextFactory, ide_html: str | None, answer: Answer = _run) -> None:
        self.schema = schema
        self.context = context
        self.ide = ide_html.encode() if ide_html is not None else None
        self.answer = answer

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Send) -> None:
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if scope["method"] == "POST" and BODY_KEY not in scope:  # mounted without body_limit.py (benchmarks)
            scope[BODY_KEY] = await _read_body(receive)
        try:
            await self._handle(scope, headers, send)
        except RequestError as exc:
            log.info("refused %s %s: %s", scope["method"], exc.status, exc)
            body = json.dumps({"errors": [{"message": str(exc), "extensions": {"code": "BAD_REQUEST"}}]})
            await respond(send, exc.status, body.encode(), JSON, exc.headers)

    async def _handle(self, scope: dict[str, Any], headers: dict[str, str], send: Send) -> None:
        method = scope["method"]
        wants_ide = method == "GET" and "text/html" in headers.get("accept", "")
        if wants_ide and self.ide is not None and b"query=" not in scope.get("query_string", b""):
            await respond(send, 200, self.ide, "text/html; charset=utf-8", {})
            return
        if method not in ("GET", "POST"):
            raise RequestError(405, "GraphQL is served over GET and POST.", {"allow": "GET, POST"})
        media = _media_type(headers.get("accept", ""))
        if method == "GET":
            params = _from_get(scope.get("query_string", b""))
        else:
            params = _from_post(headers, scope.get(BODY_KEY, b""))
        context = self.context(scope)
        note_operation(params.query, params.operation_name)

        async def run() -> ExecutionResult:
            return await self.schema.execute(
                params.query,
                variable_values=params.variables,
                context_value=context,
                operation_name=params.operation_name,
            )

        try:
            result = await self.answer(context, params.query, params.variables, params.operation_name, run)
        except CannotGetOperationTypeError as exc:  # no operation of that name, or several and none named
            raise RequestError(400, exc.as_http_error_reason()) from exc
        request_error = _is_request_error(result)
        payload: dict[str, Any] = {} if request_error else {"data": result.data}
        if result.errors:
            payload["errors"] = [e.formatted for e in result.errors]
        if result.extensions:
            payload["extensions"] = result.extensions
        note_result(payload)
        status = 400 if request_error and media == GRAPHQL_RESPONSE else 200
        extra = getattr(context, "response_headers", None) or {}
        status = getattr(context, "response_status", None) or status
        await respond(send, status, orjson.dumps(payload), media, extra)


async def _read_body(receive: Any) -> bytes:
    chunks = []
    while True:
        message = await receive()
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


async def respond(send: Send, status: int, body: bytes, media: str, headers: dict[str, str]) -> None:
    content_type = media if "charset" in media or not media.endswith("json") else f"{media}; charset=utf-8"
    raw = [(b"content-type", content_type.encode()), (b"content-length", str(len(body)).encode())]
    raw.extend((k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items())
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})
