"""Assembles the one schema."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

import strawberry
from graphql import GraphQLError
from strawberry.extensions import ParserCache, SchemaExtension, ValidationCache
from strawberry.types import ExecutionContext

from schema.errors import CodedError, with_extensions
from schema.input_errors import bad_input, is_bad_input
from schema.query import Query

UNEXPECTED = "Unexpected error."
CACHED_DOCUMENTS = 1024


def _public(error: GraphQLError) -> GraphQLError:
    """Coded errors keep their message and code; anything unexpected is masked (logged, not shown)."""
    original = error.original_error
    if is_bad_input(error):
        return bad_input(error)
    if original is None or isinstance(original, CodedError):
        return with_extensions(error)
    if isinstance(original, GraphQLError):  # a variable value GraphQL could not coerce: the caller's input
        return GraphQLError(error.message, nodes=error.nodes, path=error.path, extensions={"code": "BAD_USER_INPUT"})
    return GraphQLError(UNEXPECTED, nodes=error.nodes, path=error.path, extensions={"code": "INTERNAL_SERVER_ERROR"})


class PublicErrors(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is not None and result.errors:
            result.errors = [_public(e) for e in result.errors]


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


def _is_unexpected(error: GraphQLError) -> bool:
    original = error.original_error
    return (
        original is not None
        and not isinstance(original, CodedError | GraphQLError)  # GraphQLError: a variable GraphQL could not coerce
        and not is_bad_input(error)
    )


def build_schema() -> strawberry.Schema:
    # Parsing and validating a query costs ~2 ms, executing the code page ~0.3 ms: a front end and a partner
    # send the same few documents all day, so both steps are cached by document text (validation rules are
    # fixed at build time, which keeps the validation cache sound).
    return CodeGraphSchema(
        query=Query,
        extensions=[
            partial(ParserCache, maxsize=CACHED_DOCUMENTS),  # factories: the LRU caches live at module level
            partial(ValidationCache, maxsize=CACHED_DOCUMENTS),
            PublicErrors,
            MeterReport,
        ],
    )
