"""One tool call: who calls, one GraphQL document through the API's schema and context, errors in words."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

import strawberry
from graphql import GraphQLError
from mcp.server.mcpserver import Context
from mcp.server.mcpserver.exceptions import ToolError

from graph_api.access.identity import Identity, IdentityError
from graph_api.services import Services

# Who calls: from the HTTP request's identity (the API's middleware), or the stdio process's environment.
Identify = Callable[[Context], Awaitable[Identity]]

_STATUS_CODES = {401: "UNAUTHENTICATED", 429: "RATE_LIMITED"}


class GraphQLCall:
    def __init__(self, services: Services, schema: strawberry.Schema, identify: Identify) -> None:
        self.services = services
        self.schema = schema
        self.identify = identify

    async def __call__(self, ctx: Context, document: str, variables: Mapping[str, Any]) -> dict[str, Any]:
        """The data of one GraphQL answer, or a ToolError that says what went wrong and where the caller stands."""
        try:
            identity = await self.identify(ctx)
        except IdentityError as exc:
            code = _STATUS_CODES.get(exc.status, "SERVICE_UNAVAILABLE")
            retry = f" Retry after {exc.headers['Retry-After']} s." if "Retry-After" in exc.headers else ""
            raise ToolError(f"{code}: {exc}{retry}") from exc
        result = await self.schema.execute(
            document, variable_values=dict(variables), context_value=self.services.context(identity)
        )
        if result.errors:
            raise ToolError(describe(result.errors, result.extensions))
        if result.data is None:  # pragma: no cover - graphql-core answers data or errors
            raise ToolError("INTERNAL_SERVER_ERROR: the query answered nothing")
        return result.data


def describe(errors: list[GraphQLError], extensions: Mapping[str, Any] | None) -> str:
    """Each distinct error once, as `CODE: message`, with the view meter's state when a page was refused."""
    lines: list[str] = []
    meter: dict[str, Any] | None = None
    for error in errors:
        ext = dict(error.extensions or {})
        # The documents are fixed: an error without a code is a variable the caller gave that GraphQL refused.
        code = ext.pop("code", "BAD_USER_INPUT")
        detail = ""
        if code == "VIEW_LIMIT_REACHED":
            hint = ext.pop("hint", "")
            meter = ext
            detail = f". {hint}" if hint else ""
        elif code == "BAD_USER_INPUT" and (argument := ext.get("argument")):
            detail = f" (argument {argument})"
        line = f"{code}: {error.message}{detail}"
        if line not in lines:
            lines.append(line)
    meter = meter or (extensions or {}).get("meter")
    if meter:
        lines.append("meter: " + json.dumps(meter, sort_keys=True))
    return "\n".join(lines)
