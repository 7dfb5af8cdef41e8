"""Assembles the one schema."""

from __future__ import annotations

import strawberry
from graphql import GraphQLError
from strawberry.extensions import MaskErrors, SchemaExtension

from schema.errors import CodedError, with_extensions
from schema.query import Query


class CodedErrors(SchemaExtension):
    """Puts each coded error's `extensions.code` on the response."""

    def on_operation(self):  # type: ignore[no-untyped-def]
        yield
        result = self.execution_context.result
        if result is not None and result.errors:
            result.errors = [with_extensions(e) for e in result.errors]


def _is_internal(error: GraphQLError) -> bool:
    original = error.original_error
    return original is not None and not isinstance(original, CodedError)


def build_schema() -> strawberry.Schema:
    return strawberry.Schema(
        query=Query,
        extensions=[CodedErrors, MaskErrors(should_mask_error=_is_internal)],
    )
