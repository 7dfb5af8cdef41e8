"""GET /export/{source}.ndjson?release=ID: one release's codes or edges streamed, for partners and premium users.

The caller is the one IdentityMiddleware resolved (a partner key's request is counted against its rate there,
as a GraphQL request is); guests and registered users are refused with 403.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from contextlib import aclosing

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse

from graph_api.access.identity import Identity
from graph_api.ops.exports import export_rows, release_of
from graph_api.services import Services
from loaders.errors import LoadError

EXPORT_PREFIX = "/export/"
ALLOWED_TIERS = frozenset({"partner", "premium"})


def _error(status: int, code: str, message: str) -> Response:
    return JSONResponse({"errors": [{"message": message, "extensions": {"code": code}}]}, status_code=status)


def export_endpoint(services: Services):  # type: ignore[no-untyped-def]
    async def export(request: Request) -> Response:
        identity: Identity | None = request.scope.get("state", {}).get("identity")
        if identity is None or identity.tier not in ALLOWED_TIERS:
            return _error(403, "FORBIDDEN", "Exports are for partner API keys and premium users.")
        source = request.path_params["source"]
        release = request.query_params.get("release")
        try:
            await release_of(services.graph, source, release)
        except LoadError as exc:
            return _error(404, "NOT_FOUND", str(exc))

        async def body() -> AsyncIterator[bytes]:
            rows = export_rows(services.graph, source, release)
            async with aclosing(rows):
                async for row in rows:
                    yield (json.dumps(row, ensure_ascii=False) + "\n").encode()

        return StreamingResponse(body(), media_type="application/x-ndjson")

    return export
