"""The search page and the code page: shells whose scripts fetch every fact from /graphql."""

from __future__ import annotations

from html import escape

from starlette.requests import Request
from starlette.responses import Response

from graph_api.web.render import page
from schema.enums import CodeSystem

SYSTEMS = [s.value for s in CodeSystem]


async def search(request: Request) -> Response:
    q = request.query_params.get("q", "")
    title = f"{q} - code search" if q else "Code search"
    as_of = request.query_params.get("asOf", "")
    return page(request, "search", title, secure=_secure(request), q=escape(q), asof=escape(as_of))


async def code(request: Request) -> Response:
    system, code = request.path_params["system"], request.path_params["code"]
    if system not in SYSTEMS:
        message = f"There is no code set {system!r}; the code sets are {', '.join(SYSTEMS)}."
        return page(request, "notfound", "Not found", 404, _secure(request), message=escape(message))
    title = f"{system} {code}"
    return page(request, "code", title, secure=_secure(request), system=escape(system), code=escape(code))


def _secure(request: Request) -> bool:
    return bool(request.app.state.services.settings.cookie_secure)
