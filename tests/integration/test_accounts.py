"""Free site accounts: forms with CSRF tokens, Redis sessions the API honours, no account enumeration, rate limits."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator

import httpx
import pytest
from redis.asyncio import Redis

from graph_api.access import redis_keys
from graph_api.server.app import create_app
from graph_api.settings import Settings
from graph_api.store.graph import Graph
from tests.integration.test_cli import run

PASSWORD = "a long enough password"
VIEWER = "{ viewer { tier limit used remaining } }"
PAGE = '{ code(system: CPT, code: "97551") { plainDescription } }'


@pytest.fixture
async def site(settings: Settings, redis: Redis) -> AsyncIterator[httpx.AsyncClient]:
    """The whole app with metering on, on a flushed Redis; a fresh browser-like client (keeps cookies)."""
    app = create_app(settings)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as client:
        yield client
    await app.state.services.close()


def token(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, html
    return found.group(1)


async def submit(client: httpx.AsyncClient, path: str, email: str, password: str, next_: str = "/") -> httpx.Response:
    form = await client.get(path)
    fields = {"csrf": token(form.text), "email": email, "password": password, "next": next_}
    return await client.post(path, data=fields)


def alert(response: httpx.Response) -> str:
    found = re.search(r'<p class="alert" role="alert">([^<]*)</p>', response.text)
    return found.group(1) if found else ""


async def viewer(client: httpx.AsyncClient) -> dict[str, object]:
    response = await client.post("/graphql", json={"query": VIEWER})
    assert response.status_code == 200, response.text
    return response.json()["data"]["viewer"]  # type: ignore[no-any-return]


async def test_forms_refuse_a_missing_or_wrong_csrf_token(site: httpx.AsyncClient, redis: Redis) -> None:
    refused = await site.post("/register", data={"email": "a@example.org", "password": PASSWORD})
    assert refused.status_code == 403 and alert(refused) == "The form has expired. Please try again."
    await site.get("/register")  # the browser now has a CSRF cookie, but the form carries another token
    forged = await site.post("/register", data={"csrf": "forged", "email": "a@example.org", "password": PASSWORD})
    assert forged.status_code == 403
    assert await redis.hlen(redis_keys.user_emails()) == 0  # type: ignore[misc]


async def test_registering_signs_in_with_an_httponly_lax_session_the_api_honours(site: httpx.AsyncClient) -> None:
    assert (await viewer(site))["tier"] == "guest"
    done = await submit(site, "/register", "New.Coder@Example.org ", PASSWORD, next_="/codes/CPT/97551")
    assert done.status_code == 303 and done.headers["location"] == "/codes/CPT/97551"
    cookie = next(c for c in done.headers.get_list("set-cookie") if c.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    assert await viewer(site) == {"tier": "registered", "limit": 6, "used": 0, "remaining": 6}
    listed = run("users", "list")
    assert listed.returncode == 0 and "new.coder@example.org" in listed.stdout and "registered" in listed.stdout


async def test_a_guests_page_views_carry_over_when_signing_up(site: httpx.AsyncClient, sample_graph: Graph) -> None:
    first = await site.post("/graphql", json={"query": PAGE})
    assert first.json()["data"]["code"]["plainDescription"]
    again = await site.post("/graphql", json={"query": PAGE})  # now with the guest cookie
    assert again.json()["data"]["code"]["plainDescription"]
    await submit(site, "/register", "guest@example.org", PASSWORD)
    signed_in = await site.post("/graphql", json={"query": VIEWER})
    assert signed_in.json()["data"]["viewer"] == {"tier": "registered", "limit": 6, "used": 1, "remaining": 5}
    assert any(c.startswith("guest_id=;") for c in signed_in.headers.get_list("set-cookie"))


async def test_messages_never_say_whether_an_email_has_an_account(site: httpx.AsyncClient, settings: Settings) -> None:
    await submit(site, "/register", "taken@example.org", PASSWORD)
    app = create_app(settings)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://testserver") as other:
        unknown = await submit(other, "/login", "nobody@example.org", PASSWORD)
        wrong = await submit(other, "/login", "taken@example.org", "not the password")
        expected = (401, "The email or password is wrong.")
        assert (unknown.status_code, alert(unknown)) == (wrong.status_code, alert(wrong)) == expected
        again = await submit(other, "/register", "taken@example.org", "another password")
        assert again.status_code == 400 and "taken" not in alert(again) and "exists" not in alert(again)
        assert "session" not in other.cookies
        assert (await viewer(other))["tier"] == "guest"
        # The owner registering again (right password) is simply signed in.
        owner = await submit(other, "/register", "taken@example.org", PASSWORD)
        assert owner.status_code == 303 and (await viewer(other))["tier"] == "registered"
    await app.state.services.close()


async def test_sign_in_attempts_are_rate_limited_per_email(site: httpx.AsyncClient) -> None:
    await submit(site, "/register", "target@example.org", PASSWORD)
    await site.get("/logout")
    for _ in range(9):  # with the registration, 10 attempts at this email: the limit
        assert (await submit(site, "/login", "target@example.org", "guess")).status_code == 401
    blocked = await submit(site, "/login", "target@example.org", PASSWORD)
    assert blocked.status_code == 429 and alert(blocked).startswith("Too many attempts")
    assert (await viewer(site))["tier"] == "guest"


@pytest.mark.parametrize("target", ["//evil.example/x", "https://evil.example/", "/\\evil.example", "codes"])
async def test_sign_in_goes_back_only_to_a_page_of_this_site(site: httpx.AsyncClient, target: str) -> None:
    done = await submit(site, "/register", "next@example.org", PASSWORD, next_=target)
    assert done.status_code == 303 and done.headers["location"] == "/"


async def test_bad_registrations_say_what_to_fix(site: httpx.AsyncClient) -> None:
    short = await submit(site, "/register", "short@example.org", "short")
    assert short.status_code == 400 and "at least 8 characters" in alert(short)
    bad = await submit(site, "/register", "not-an-email", PASSWORD)
    assert bad.status_code == 400 and "email address" in alert(bad)


async def test_signing_out_ends_the_session_on_the_server(site: httpx.AsyncClient) -> None:
    await submit(site, "/register", "leaver@example.org", PASSWORD)
    stolen = site.cookies["session"]
    form = await site.get("/")
    done = await site.post("/logout", data={"csrf": token(form.text)})
    assert done.status_code == 303 and "session" not in site.cookies
    site.cookies.set("session", stolen)
    assert (await viewer(site))["tier"] == "guest"


async def test_operators_change_a_tier_or_delete_an_account_with_immediate_effect(site: httpx.AsyncClient) -> None:
    await submit(site, "/register", "ops@example.org", PASSWORD)
    premium = run("users", "set-tier", "ops@example.org", "premium")
    assert premium.returncode == 0 and "ops@example.org: tier premium" in premium.stdout
    assert await viewer(site) == {"tier": "premium", "limit": None, "used": 0, "remaining": None}
    missing = run("users", "delete", "nobody@example.org")
    assert missing.returncode == 1 and "no account with email nobody@example.org" in missing.stderr
    deleted = run("users", "delete", "ops@example.org")
    assert deleted.returncode == 0 and "deleted account ops@example.org" in deleted.stdout
    assert (await viewer(site))["tier"] == "guest"
    assert "0 accounts" in run("users", "list").stdout
    assert run("users", "set-tier", "ops@example.org", "gold").returncode == 2


async def test_graphiql_is_served_without_a_cdn(site: httpx.AsyncClient) -> None:
    ide = await site.get("/graphql", headers={"accept": "text/html"})
    assert ide.status_code == 200 and "/static/vendor/graphiql.min.js" in ide.text
    assert not re.search(r'(src|href)="(https?:)?//', ide.text)


async def test_pages_escape_what_the_url_says(site: httpx.AsyncClient) -> None:
    page = await site.get("/codes/CPT/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E")
    assert page.status_code == 200 and 'data-testid="code-page"' in page.text
    assert "script-src 'self';" in page.headers["content-security-policy"]
    assert "<img src=x" not in page.text and "&lt;img src=x onerror=alert(1)&gt;" in page.text
    unknown = await site.get("/codes/%3Cb%3EX/1")
    assert (
        unknown.status_code == 404
        and "no code set &#x27;&lt;b&gt;X&#x27;" in unknown.text
        and "CPT, HCPCS" in unknown.text
    )
    search = await site.get("/", params={"q": '"><img src=x>'})
    assert "<img src=x>" not in search.text


async def test_a_refused_sign_in_keeps_the_page_to_go_back_to(site: httpx.AsyncClient) -> None:
    await submit(site, "/register", "back@example.org", PASSWORD)
    await site.get("/logout")
    wrong = await submit(site, "/login", "back@example.org", "nope", next_="/codes/CPT/97550?asOf=2024-01-01")
    assert 'name="next" value="/codes/CPT/97550?asOf=2024-01-01"' in wrong.text
    assert 'href="/register?next=/codes/CPT/97550%3FasOf%3D2024-01-01"' in wrong.text
    right = await site.post(
        "/login",
        data={
            "csrf": token(wrong.text),
            "email": "back@example.org",
            "password": PASSWORD,
            "next": "/codes/CPT/97550?asOf=2024-01-01",
        },
    )
    assert right.status_code == 303 and right.headers["location"] == "/codes/CPT/97550?asOf=2024-01-01"
