"""GraphiQL whose scripts and styles come from this service (vendored by `make vendor`), not a CDN."""

from __future__ import annotations

from functools import cache
from pathlib import Path

PAGE = Path(__file__).parent / "templates" / "graphiql.html"


@cache
def offline_graphiql_html() -> str:
    return PAGE.read_text()
