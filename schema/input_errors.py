"""Values that do not fit their GraphQL types (a malformed date, an unknown enum value) are the caller's error.

graphql-core reports them before execution: variables with a path such as `.lines[1].dateOfService`, literals
as validation errors. Both keep their message and get `extensions.code` BAD_USER_INPUT instead of being
masked as unexpected."""

from __future__ import annotations

from graphql import GraphQLError

_LITERAL = ("cannot represent", "does not exist in '")


def is_bad_input(error: GraphQLError) -> bool:
    if error.path is not None:
        return False
    if error.message.startswith("Variable '$"):
        return error.original_error is None or isinstance(error.original_error, GraphQLError)
    return error.original_error is None and any(marker in error.message for marker in _LITERAL)


def bad_input(error: GraphQLError) -> GraphQLError:
    return GraphQLError(
        error.message, nodes=error.nodes, extensions={**(error.extensions or {}), "code": "BAD_USER_INPUT"}
    )
