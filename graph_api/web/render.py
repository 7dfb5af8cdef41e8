"""Page shells: templates/*.html substituted with string.Template, inside one layout; the CSRF cookie."""

from __future__ import annotations

import hmac
import secrets
from functools import cache
from html import escape
from importlib import resources
from pathlib import Path
from string import Template
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import HTMLResponse

TEMPLATES = Path(str(resources.files("graph_api.web") / "templates"))
CSRF_COOKIE = "csrf"
CSRF_FIELD = "csrf"


@cache
def _template(name: str) -> Template:
    return Template((TEMPLATES / f"{name}.html").read_text())


def csrf_token(request: Request) -> str:
    """The browser's double-submit token: the cookie it has, or a new one (set by `page`)."""
    return request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(24)


def csrf_ok(request: Request, submitted: object) -> bool:
    cookie = request.cookies.get(CSRF_COOKIE, "")
    return bool(cookie) and isinstance(submitted, str) and hmac.compare_digest(cookie, submitted)


MAX_FORM_BYTES = 16_384
# The site's pages run only their own scripts (no inline script); the picture library sets inline styles.
SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        "connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


async def form_fields(request: Request) -> dict[str, str]:
    """An urlencoded form's fields (the only kind the site posts); {} when too large or not a form."""
    if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        return {}
    body = await request.body()
    if len(body) > MAX_FORM_BYTES:
        return {}
    return dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))


def page(
    request: Request, name: str, title: str, status: int = 200, secure: bool = False, **values: str
) -> HTMLResponse:
    """A page in the layout. `values` are substituted raw: callers escape what came from outside."""
    token = csrf_token(request)
    body = _template(name).substitute(csrf=escape(token), **values)
    html = _template("layout").substitute(title=escape(title), csrf=escape(token), main=body)
    response = HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)
    if request.cookies.get(CSRF_COOKIE) != token:
        response.set_cookie(CSRF_COOKIE, token, httponly=True, samesite="strict", secure=secure, path="/")
    return response
