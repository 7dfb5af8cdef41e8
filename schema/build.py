"""Assembles the one schema."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from functools import partial

import strawberry
from graphql import GraphQLError
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionContext

from schema.cost import Limits
from schema.errors import CodedError, with_extensions
from schema.gate import DocumentCache, DocumentGate, GatePolicy
from schema.input_errors import bad_input, is_bad_input
from schema.query import Query

log = logging.getLogger("graph_api.requests")
UNEXPECTED = "Unexpected error."
CACHED_DOCUMENTS = 1024
CACHED_BYTES = 64 * 1024 * 1024
_SUGGESTION = re.compile(r" Did you mean .*\?$")


def _public(error: GraphQLError) -> GraphQLError:
    """Coded errors keep their message and code; so do errors about the request itself (no path: a variable
    that does not coerce); anything unexpected in a resolver is masked (logged, not shown)."""
    original = error.original_error
    if is_bad_input(error):
        return bad_input(error)
    if original is None or isinstance(original, CodedError):
        error = with_extensions(error)
        if error.path is None and not (error.extensions or {}).get("code"):  # e.g. which operation to run
            error.extensions = {**(error.extensions or {}), "code": "BAD_USER_INPUT"}
        return error
    if isinstance(original, GraphQLError):  # a variable value GraphQL could not coerce: the caller's input
        return GraphQLError(error.message, nodes=error.nodes, path=error.path, extensions={"code": "BAD_USER_INPUT"})
    if error.path is None:
        error.extensions = {"code": "BAD_USER_INPUT", **(error.extensions or {})}
        return error
    return GraphQLError(UNEXPECTED, nodes=error.nodes, path=error.path, extensions={"code": "INTERNAL_SERVER_ERROR"})


class PublicErrors(SchemaExtension):
    def __init__(self, suggestions: bool = True) -> None:
        super().__init__()
        self.suggestions = suggestions

    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is not None and result.errors:
            result.errors = [self._shown(_public(e)) for e in result.errors]

    def _shown(self, error: GraphQLError) -> GraphQLError:
        if not self.suggestions and _SUGGESTION.search(error.message):
            error.message = _SUGGESTION.sub("", error.message)
        return error


class MeterReport(SchemaExtension):
    """A response that metered anything says where the caller stands: extensions.meter."""

    def get_results(self) -> dict[str, object]:
        context = self.execution_context.context
        meter = getattr(context, "meter", None)
        status = meter.last_status if meter else None
        return {"meter": status.as_extension()} if status else {}


class CodeGraphSchema(strawberry.Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None) -> None:
        """Logs only what nobody expected: coded errors and invalid queries are answers, not incidents."""
        unexpected = [e for e in errors if _is_unexpected(e)]
        if unexpected:
            super().process_errors(unexpected, execution_context)
        for error in errors:
            if not _is_unexpected(error):
                code = (error.extensions or {}).get("code") or getattr(error.original_error, "code", "")
                log.info("client error %s: %s", code or "BAD_USER_INPUT", error.message.splitlines()[0][:200])


def _is_unexpected(error: GraphQLError) -> bool:
    original = error.original_error
    return (
        original is not None
        and error.path is not None
        and not isinstance(original, CodedError | GraphQLError)  # GraphQLError: a variable GraphQL could not coerce
        and not is_bad_input(error)
    )


def build_schema(
    limits: Limits | None = None,
    cache: DocumentCache | None = None,
    introspection: bool = True,
    suggestions: bool = True,
) -> strawberry.Schema:
    # Parsing and validating a query costs ~2 ms, executing the code page ~0.3 ms: a front end and a partner
    # send the same few documents all day, so both steps are cached by document text (validation rules are
    # fixed at build time, which keeps the cache sound), bounded by entries and bytes (schema/gate.py).
    limits = limits or Limits()
    cache = DocumentCache(CACHED_DOCUMENTS, CACHED_BYTES, max_text=100_000) if cache is None else cache
    policy = GatePolicy(limits, cache, introspection)
    return CodeGraphSchema(
        query=Query,
        extensions=[
            partial(DocumentGate, policy),  # factories: one instance per request, the cache shared
            partial(PublicErrors, suggestions),
            MeterReport,
        ],
    )
