"""GraphiQL whose scripts and styles come from this service (vendored by `make vendor`), not a CDN."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path

PAGE = Path(str(resources.files("graph_api.web") / "templates" / "graphiql.html"))


@cache
def offline_graphiql_html() -> str:
    return PAGE.read_text()
