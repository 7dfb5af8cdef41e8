"""Errors the schema reports with a stable `extensions.code`."""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError


class CodedError(Exception):
    code = "INTERNAL_SERVER_ERROR"

    def __init__(self, message: str, **extensions: Any) -> None:
        super().__init__(message)
        self.extensions: dict[str, Any] = {"code": self.code, **extensions}


class ServiceUnavailable(CodedError):
    code = "SERVICE_UNAVAILABLE"


class BadUserInput(CodedError):
    code = "BAD_USER_INPUT"


def with_extensions(error: GraphQLError) -> GraphQLError:
    """Copies a coded error's extensions onto the GraphQL error that wraps it."""
    original = error.original_error
    if isinstance(original, CodedError):
        error.extensions = {**(error.extensions or {}), **original.extensions}
    return error


class NotFound(CodedError):
    """A list argument named codes the graph does not have; `extensions.unknown` lists them."""

    code = "NOT_FOUND"
