"""Production mode: refuses published defaults, hides the IDE and introspection, sends security headers."""

from __future__ import annotations

import os
import subprocess

import httpx
import pytest
from pydantic import SecretStr

from graph_api.server.app import create_app
from graph_api.server.production import UnsafeSettings
from graph_api.settings import Settings
from tests.integration.processes import GRAPH_API

SECRET = "a-long-random-secret-for-tests-only"


@pytest.mark.parametrize(
    ("env", "named"),
    [({}, "GRAPH_API_SECRET"), ({"GRAPH_API_SECRET": SECRET}, "NEO4J_PASSWORD")],
    ids=["default-secret", "default-neo4j-password"],
)
def test_serve_refuses_published_defaults(env: dict[str, str], named: str) -> None:
    environ = {k: v for k, v in os.environ.items() if k not in ("GRAPH_API_SECRET", "NEO4J_PASSWORD")}
    done = subprocess.run(
        [GRAPH_API, "serve", "--port", "1"],
        env={**environ, "GRAPH_API_ENV": "production", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and named in lines[0], done.stderr


def test_create_app_refuses_too(settings: Settings) -> None:
    with pytest.raises(UnsafeSettings, match="GRAPH_API_SECRET"):
        create_app(settings.model_copy(update={"graph_api_env": "production"}))


async def test_production_defaults(settings: Settings) -> None:
    # Non-default secrets, which the test stack does not have: Neo4j is a port nothing listens on (a wrong password
    # would lock the test stack's user out for everyone after a few tries), so only Redis-backed fields are asked.
    prod = settings.model_copy(
        update={
            "graph_api_env": "production",
            "graph_api_secret": SecretStr(SECRET),
            "neo4j_password": SecretStr(SECRET),
            "neo4j_uri": "bolt://127.0.0.1:1",
        }
    )
    app = create_app(prod)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="https://t") as client:
        ide = await client.get("/graphql", headers={"accept": "text/html"})
        schema = await client.post("/graphql", json={"query": "{ __schema { types { name } } }"})
        typo = await client.post("/graphql", json={"query": "{ viewr { tier } }"})
        ok = await client.post("/graphql", json={"query": "{ viewer { tier } }"})
    await app.state.services.close()
    assert "graphiql" not in ide.text.lower()
    assert schema.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert typo.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert "Did you mean" not in typo.text
    assert ok.status_code == 200 and ok.json()["data"]["viewer"]["tier"] == "guest"
    assert ok.headers["strict-transport-security"].startswith("max-age=")
    assert ok.headers["x-content-type-options"] == "nosniff"
    assert ok.headers["referrer-policy"] == "no-referrer"
    assert "default-src 'none'" in ok.headers["content-security-policy"]
    assert "Secure" in ide.headers["set-cookie"]  # the first answer mints the guest cookie


async def test_development_shows_the_ide_with_its_csp(settings: Settings) -> None:
    app = create_app(settings)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        ide = await client.get("/graphql", headers={"accept": "text/html"})
    await app.state.services.close()
    assert ide.status_code == 200 and "graphiql" in ide.text.lower()
    csp = ide.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unpkg" not in csp  # the IDE's assets come from the service
    assert "strict-transport-security" not in ide.headers


async def test_cors_allow_list(settings: Settings) -> None:
    app = create_app(settings.model_copy(update={"cors_origins": "https://codes.example"}))
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        preflight = {"access-control-request-method": "POST", "access-control-request-headers": "content-type"}
        allowed = await client.options("/graphql", headers={"origin": "https://codes.example", **preflight})
        other = await client.options("/graphql", headers={"origin": "https://evil.example", **preflight})
    await app.state.services.close()
    assert allowed.headers["access-control-allow-origin"] == "https://codes.example"
    assert "access-control-allow-origin" not in other.headers
