"""Production mode: refuse published defaults, and the security headers every response carries."""

from __future__ import annotations

from typing import Any

from graph_api.settings import Settings

_DEFAULTS = Settings.model_fields


class UnsafeSettings(Exception):
    """GRAPH_API_ENV=production with a setting left at its published default."""


def unsafe_settings(settings: Settings) -> str | None:
    """One line naming the setting to change, or None when production mode may start."""
    if not settings.production:
        return None
    for name in ("graph_api_secret", "neo4j_password"):
        default = _DEFAULTS[name].default.get_secret_value()
        value = getattr(settings, name).get_secret_value()
        if value == default or (len(value) < 16 and name == "graph_api_secret"):
            return (f"{name.upper()} is the published default (or shorter than 16 characters); "
                    "set it before starting with GRAPH_API_ENV=production")  # fmt: skip
    return None


def check_production(settings: Settings) -> None:
    if problem := unsafe_settings(settings):
        raise UnsafeSettings(problem)


# GraphiQL's assets are served by the service itself (graph_api/web/graphiql.py): nothing from elsewhere.
GRAPHIQL_CSP = (
    "default-src 'none'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "font-src 'self' data:; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
    "form-action 'none'"
)
API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"


class SecurityHeadersMiddleware:
    """nosniff, no referrer, no framing, a CSP (GraphiQL's allows its scripts), HSTS when served securely."""

    def __init__(self, app: Any, hsts: bool) -> None:
        self.app = app
        common = [
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
            (b"x-frame-options", b"DENY"),
        ]
        if hsts:
            common.append((b"strict-transport-security", b"max-age=31536000; includeSubDomains"))
        self.html = [*common, (b"content-security-policy", GRAPHIQL_CSP.encode())]
        self.other = [*common, (b"content-security-policy", API_CSP.encode())]

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                html = any(k == b"content-type" and v.startswith(b"text/html") for k, v in headers)
                present = {k.lower() for k, _ in headers}  # a route's own policy (the site's pages) stands
                added = [(k, v) for k, v in (self.html if html else self.other) if k not in present]
                message = {**message, "headers": [*headers, *added]}
            await send(message)

        await self.app(scope, receive, with_headers)
