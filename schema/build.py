"""Assembles the one schema."""

from __future__ import annotations

from collections.abc import Iterator

import strawberry
from graphql import GraphQLError
from strawberry.extensions import SchemaExtension

from schema.errors import CodedError, with_extensions
from schema.query import Query

UNEXPECTED = "Unexpected error."


def _public(error: GraphQLError) -> GraphQLError:
    """Coded errors keep their message and code; anything unexpected is masked (logged, not shown)."""
    original = error.original_error
    if original is None or isinstance(original, CodedError):
        return with_extensions(error)
    return GraphQLError(UNEXPECTED, nodes=error.nodes, path=error.path, extensions={"code": "INTERNAL_SERVER_ERROR"})


class PublicErrors(SchemaExtension):
    def on_operation(self) -> Iterator[None]:
        yield
        result = self.execution_context.result
        if result is not None and result.errors:
            result.errors = [_public(e) for e in result.errors]


def build_schema() -> strawberry.Schema:
    return strawberry.Schema(query=Query, extensions=[PublicErrors])
