"""The site people see: search and code pages (a static client of /graphql), accounts, offline GraphiQL."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from graph_api.services import Services
from graph_api.web import auth, pages

STATIC = Path(str(resources.files(__name__) / "static"))


def routes(services: Services) -> list[BaseRoute]:
    forms = auth.Forms(services)
    return [
        Route("/", pages.search),
        Route("/codes/{system}/{code}", pages.code),
        Route("/register", forms.register, methods=["GET", "POST"]),
        Route("/login", forms.login, methods=["GET", "POST"]),
        Route("/logout", forms.logout, methods=["GET", "POST"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]
