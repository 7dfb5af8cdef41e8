"""CasePilot over MCP: the SDK's own client calls every tool over stdio and Streamable HTTP, on the real stack."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from typing import Any, get_args

import httpx
import httpx2
import pytest
from mcp import ClientSession, StdioServerParameters, stdio_client
from mcp.client.streamable_http import streamable_http_client
from mcp_types import CallToolResult
from redis.asyncio import Redis

from graph_api.access import api_keys, redis_keys
from graph_api.access.identity import issue_token
from graph_api.mcp.models import Setting, System
from graph_api.mcp.server import TOOLS, claim_operation
from graph_api.settings import Settings
from graph_api.store.graph import Graph
from schema import build_schema
from schema.enums import CodeSystem
from schema.enums import Setting as GraphQLSetting
from tests.data import ROOT

CLI = str(ROOT / ".venv" / "bin" / "graph-api")
CREDENTIALS = ("GRAPH_API_KEY", "GRAPH_API_TOKEN")


def _env(**extra: str) -> dict[str, str]:
    """The test run's environment (its stack) with exactly the credentials given."""
    return {**{k: v for k, v in os.environ.items() if k not in CREDENTIALS}, **extra}


@asynccontextmanager
async def stdio(**credentials: str) -> AsyncIterator[ClientSession]:
    params = StdioServerParameters(command=CLI, args=["mcp"], env=_env(**credentials), cwd=str(ROOT))
    async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
        await session.initialize()
        yield session


@asynccontextmanager
async def http(base: str, headers: dict[str, str] | None = None) -> AsyncIterator[tuple[ClientSession, Any]]:
    """A session over Streamable HTTP, and its HTTP client (whose cookie jar keeps the guest cookie)."""
    async with (
        httpx2.AsyncClient(headers=headers or {}, timeout=30) as client,
        streamable_http_client(f"{base}/mcp", http_client=client) as (read, write),
        ClientSession(read, write) as session,
    ):
        await session.initialize()
        yield session, client


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The API itself (uvicorn, one worker) on a free port: /graphql and /mcp behind the same middleware."""
    port = _free_port()
    process = subprocess.Popen(
        [CLI, "serve", "--host", "127.0.0.1", "--port", str(port)],
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90  # a loaded 2-core machine starts it slowly
        while True:
            try:
                if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the API did not start on {base}")
            time.sleep(0.2)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=15)


def _ok(result: CallToolResult) -> dict[str, Any]:
    assert not result.is_error, result.content
    data = result.structured_content
    assert data is not None
    assert data["citations"], data
    for citation in data["citations"]:
        assert citation["releaseId"] and citation["files"] and citation["dateOfService"] == data["dateOfService"]
    return data


def _error(result: CallToolResult) -> str:
    assert result.is_error
    text = result.content[0].text  # type: ignore[union-attr]
    assert isinstance(text, str)
    return text


def _meter(text: str) -> dict[str, Any]:
    line = next(x for x in text.splitlines() if x.startswith("meter: "))
    return json.loads(line.removeprefix("meter: "))  # type: ignore[no-any-return]


async def exercise(session: ClientSession) -> None:
    """Every tool once, with the answers the sample graph states; one metered page (CPT 97551)."""
    listed = {t.name: t for t in (await session.list_tools()).tools}
    expected = set(TOOLS) | ({"validate_claim"} if claim_operation(build_schema()) else set())
    assert set(listed) == expected
    assert all(t.output_schema and t.input_schema for t in listed.values())

    found = _ok(await session.call_tool("search_codes", {"text": "caregiver training"}))
    assert {c["code"] for c in found["codes"]} == {"97550", "97551", "97552"}

    page = _ok(await session.call_tool("get_code", {"system": "CPT", "code": "97551"}))
    assert [p["code"] for p in page["primaryCodes"]] == ["97550"] and page["isAddOn"]
    assert page["plainDescription"] and {d["kind"] for d in page["descriptions"]} >= {"SHORT", "PLAIN"}
    assert any("add-on edit with 97550" in s for c in page["citations"] for s in c["supports"])

    primaries = _ok(await session.call_tool("primary_codes", {"system": "CPT", "code": "97551"}))
    assert [p["code"] for p in primaries["primaryCodes"]] == ["97550"]
    add_ons = _ok(await session.call_tool("add_on_codes", {"system": "CPT", "code": "97550"}))
    assert [p["code"] for p in add_ons["addOnCodes"]] == ["97551"]

    edits = _ok(await session.call_tool("ptp_edits", {"code": "0001A", "as_of": "2022-06-01"}))
    assert {(e["column2"], e["modifierIndicator"]) for e in edits["edits"]} == {("36591", 0), ("99211", 1)}
    pair = _ok(await session.call_tool("ptp_edits", {"code": "99211", "other_code": "0001A", "as_of": "2022-06-01"}))
    (edit,) = pair["edits"]
    assert (edit["column1"], edit["column2"], edit["modifierAllowed"]) == ("0001A", "99211", True)
    assert "59" in edit["bypassModifiers"] and "59" in pair["summary"]
    none = _ok(await session.call_tool("ptp_edits", {"code": "0001A", "other_code": "36591", "as_of": "2024-06-01"}))
    assert none["edits"] == [] and none["summary"].startswith("No practitioner PTP edit")

    walk = _ok(await session.call_tool("crosswalk", {"system": "ICD10CM", "code": "I25.111", "to": "ICD9CM"}))
    lists = walk["combinations"][0]["choiceLists"]
    assert walk["approximate"] and [e["code"] for c in lists for e in c["entries"]] == ["41401", "4139"]

    args = {"from_system": "ICD10CM", "from_code": "E11.65", "to_system": "ICD10CM", "to_code": "E11.69"}
    relation = _ok(await session.call_tool("explain_relation", args))
    assert relation["related"] and "E1165 sits under E116" in relation["paths"][0]["inWords"]
    assert any(c["line"] for c in relation["citations"])

    unknown = _error(await session.call_tool("get_code", {"system": "CPT", "code": "99999"}))
    assert unknown.endswith("NOT_FOUND: CPT has no code 99999 on " + page["dateOfService"])
    bad_date = _error(
        await session.call_tool("primary_codes", {"system": "CPT", "code": "97551", "as_of": "2024-13-01"})
    )
    assert "BAD_USER_INPUT" in bad_date and "2024-13-01" in bad_date
    too_many = _error(await session.call_tool("search_codes", {"text": "caregiver", "limit": 500}))
    assert "BAD_USER_INPUT: first must be between 1 and 100" in too_many
    no_source = _error(await session.call_tool("crosswalk", {"system": "ICD10CM", "code": "Z99.999", "to": "ICD9CM"}))
    assert "NOT_FOUND: unknown codes: ICD10CM Z99999" in no_source


async def test_model_literals_are_the_graphql_enums() -> None:
    assert list(get_args(System)) == [s.name for s in CodeSystem]
    assert list(get_args(Setting)) == [s.name for s in GraphQLSetting]


async def test_stdio_guest_every_tool_then_the_limit(sample_graph: Graph, redis: Redis) -> None:
    async with stdio() as session:
        await exercise(session)
        # The guest's one page is 97551: viewing it again is free, another code page is refused with the meter.
        _ok(await session.call_tool("get_code", {"system": "CPT", "code": "97551"}))
        refused = _error(await session.call_tool("get_code", {"system": "CPT", "code": "97550"}))
        assert "VIEW_LIMIT_REACHED: The guest allowance of 1 code pages is used up. Sign in" in refused.splitlines()[0]
        meter = _meter(refused)
        assert (meter["tier"], meter["limit"], meter["used"], meter["remaining"]) == ("guest", 1, 1, 0)
        assert meter["resetsAt"]
        # Unmetered tools keep answering.
        _ok(await session.call_tool("primary_codes", {"system": "CPT", "code": "97551"}))

        templates = (await session.list_resource_templates()).resource_templates
        assert [t.uri_template for t in templates] == ["code://{system}/{code}"]
        content = (await session.read_resource("code://CPT/97551")).contents[0]
        assert json.loads(content.text)["primaryCodes"][0]["code"] == "97550"  # type: ignore[union-attr]
        prompts = {p.name: p for p in (await session.list_prompts()).prompts}
        assert set(prompts) == {"check_claim", "explain_code_to_patient"}
        asked = await session.get_prompt("explain_code_to_patient", {"system": "CPT", "code": "97551"})
        assert 'get_code(system="CPT", code="97551")' in asked.messages[0].content.text  # type: ignore[union-attr]
    assert await redis.smembers(redis_keys.views("ip:stdio")) == {b"CPT:97551"}


def test_stdio_writes_only_the_protocol_to_stdout(sample_graph: Graph) -> None:
    """A desktop client's raw session: every line on stdout is a JSON-RPC message, the answers are the tools'."""
    messages = [
        {"jsonrpc": "2.0", "id": 1, "method": "initialize",
         "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "raw", "version": "0"}}},
        {"jsonrpc": "2.0", "method": "notifications/initialized"},
        {"jsonrpc": "2.0", "id": 2, "method": "tools/call",
         "params": {"name": "search_codes", "arguments": {"text": "caregiver training"}}},
        {"jsonrpc": "2.0", "id": 3, "method": "tools/call",
         "params": {"name": "get_code", "arguments": {"system": "CPT", "code": "99999"}}},
    ]  # fmt: skip
    answers: dict[int, dict[str, Any]] = {}
    with subprocess.Popen(
        [CLI, "mcp"], env=_env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    ) as process:
        assert process.stdin is not None and process.stdout is not None
        watchdog = threading.Timer(60, process.kill)  # a server that never answers fails the test, not the run
        watchdog.start()
        for message in messages:
            process.stdin.write(json.dumps(message) + "\n")
            process.stdin.flush()
            if "id" in message:
                answer = json.loads(process.stdout.readline())  # anything else on stdout fails here
                assert answer["jsonrpc"] == "2.0"
                answers[answer["id"]] = answer
        process.stdin.close()
        assert process.stdout.read() == ""
        process.wait(timeout=30)
        watchdog.cancel()
    assert answers[1]["result"]["serverInfo"]["name"] == "casepilot"
    found = answers[2]["result"]["structuredContent"]["codes"]
    assert {c["code"] for c in found} == {"97550", "97551", "97552"}
    assert answers[3]["result"]["isError"] and "NOT_FOUND" in answers[3]["result"]["content"][0]["text"]


async def test_stdio_token_and_key_are_the_caller(sample_graph: Graph, redis: Redis, settings: Settings) -> None:
    token = issue_token(settings, "casey", "registered")
    async with stdio(GRAPH_API_TOKEN=token) as session:
        for code in ("97550", "97551", "97552"):
            _ok(await session.call_tool("get_code", {"system": "CPT", "code": code}))
        icd = _ok(await session.call_tool("get_code", {"system": "ICD10CM", "code": "E11.65", "as_of": "2024-10-01"}))
        assert [a["code"] for a in icd["ancestors"]][:1] == ["E116"] and icd["dateOfService"] == "2024-10-01"
        assert {(x["code"], x["approximate"]) for x in icd["crosswalks"]} == {("25080", True)}
        assert any("GEM ICD10CM E1165 -> ICD9CM 25080" in s for c in icd["citations"] for s in c["supports"])
        wrong = _error(await session.call_tool("get_code", {"system": "CPT4", "code": "97550"}))
        assert "system" in wrong and "'ICD9PROC'" in wrong  # the input schema's enum, checked before any read
    assert len(await redis.smembers(redis_keys.views("user:casey"))) == 4

    key, record = await api_keys.create(redis, "acme", quota=1, rpm=600)
    async with stdio(GRAPH_API_KEY=key) as session:
        _ok(await session.call_tool("get_code", {"system": "CPT", "code": "97550"}))
        meter = _meter(_error(await session.call_tool("get_code", {"system": "CPT", "code": "97551"})))
        assert (meter["tier"], meter["limit"], meter["used"]) == ("partner", 1, 1)
    assert await redis.smembers(redis_keys.views(f"partner:{record.id}")) == {b"CPT:97550"}

    async with stdio(GRAPH_API_KEY="gak_nope") as session:
        assert "UNAUTHENTICATED: Unknown or revoked API key." in _error(
            await session.call_tool("search_codes", {"text": "caregiver"})
        )


async def test_stdio_with_redis_or_neo4j_down_answers_errors(sample_graph: Graph, dead_settings: Settings) -> None:
    redis_down = {"REDIS_URL": dead_settings.redis_url}
    async with _dead(redis_down) as session:
        _ok(await session.call_tool("primary_codes", {"system": "CPT", "code": "97551"}))
        refused = _error(await session.call_tool("get_code", {"system": "CPT", "code": "97551"}))
        assert "VIEW_LIMIT_UNAVAILABLE: Code pages are unavailable: the view meter cannot be reached." in refused
    both_down = {**redis_down, "NEO4J_URI": dead_settings.neo4j_uri, "NEO4J_RETRY_TIME_S": "0"}
    async with _dead(both_down) as session:
        for _ in range(2):  # the server survives the first failure
            down = _error(await session.call_tool("search_codes", {"text": "caregiver"}))
            assert "SERVICE_UNAVAILABLE: the code graph is unavailable" in down


@asynccontextmanager
async def _dead(settings: dict[str, str]) -> AsyncIterator[ClientSession]:
    params = StdioServerParameters(command=CLI, args=["mcp"], env={**_env(), **settings}, cwd=str(ROOT))
    async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
        await session.initialize()
        yield session


async def test_stdio_partner_rate_limit_counts_each_call(sample_graph: Graph, redis: Redis) -> None:
    key, _ = await api_keys.create(redis, "busy", quota=10, rpm=2)
    async with stdio(GRAPH_API_KEY=key) as session:
        # The rate counts per clock minute: three calls within one minute, not across its end.
        left = redis_keys.RATE_WINDOW_S - time.time() % redis_keys.RATE_WINDOW_S
        if left < 20:
            await asyncio.sleep(left)
        for _ in range(2):
            _ok(await session.call_tool("search_codes", {"text": "caregiver"}))
        limited = _error(await session.call_tool("search_codes", {"text": "caregiver"}))
        assert "RATE_LIMITED: Rate limit of 2 requests per minute reached. Retry after" in limited


async def test_http_guest_every_tool_metered_with_graphql(sample_graph: Graph, redis: Redis, server: str) -> None:
    async with http(server) as (session, client):
        await exercise(session)
        # The API's guest cookie came back on the MCP answers: GraphQL with it is the same guest, same meter.
        cookies = {name: value for name, value in client.cookies.items()}
        assert "guest_id" in cookies
        query = '{ code(system: CPT, code: "97552") { longDescription } }'
        async with httpx.AsyncClient(cookies=cookies, timeout=10) as browser:
            answer = (await browser.post(f"{server}/graphql", json={"query": query})).json()
        assert answer["errors"][0]["extensions"]["code"] == "VIEW_LIMIT_REACHED"
        refused = _error(await session.call_tool("get_code", {"system": "CPT", "code": "97552"}))
        meter = _meter(refused)
        assert (meter["tier"], meter["used"], meter["remaining"]) == ("guest", 1, 0)
        assert {k: meter[k] for k in ("tier", "limit", "used")} == {
            k: answer["extensions"]["meter"][k] for k in ("tier", "limit", "used")
        }


async def test_http_key_and_token_are_the_caller(
    sample_graph: Graph, redis: Redis, settings: Settings, server: str
) -> None:
    key, record = await api_keys.create(redis, "acme", quota=2, rpm=600)
    async with http(server, {"X-API-Key": key}) as (session, _):
        await exercise(session)
        _ok(await session.call_tool("get_code", {"system": "CPT", "code": "97550"}))
        meter = _meter(_error(await session.call_tool("get_code", {"system": "CPT", "code": "97552"})))
        assert (meter["tier"], meter["limit"], meter["used"], meter["remaining"]) == ("partner", 2, 2, 0)
    assert await redis.smembers(redis_keys.views(f"partner:{record.id}")) == {b"CPT:97550", b"CPT:97551"}

    token = issue_token(settings, "robin", "premium")
    async with http(server, {"Authorization": f"Bearer {token}"}) as (session, _):
        for code in ("97550", "97551", "97552", "99291", "99292", "22612", "22614"):
            _ok(await session.call_tool("get_code", {"system": "CPT", "code": code}))
    assert len(await redis.smembers(redis_keys.views("user:robin"))) == 7


async def test_http_bad_credentials_are_refused_like_the_api(sample_graph: Graph, server: str) -> None:
    for headers in ({"X-API-Key": "gak_nope"}, {"Authorization": "Bearer not-a-jwt"}):
        body = {"jsonrpc": "2.0", "id": 1, "method": "tools/list"}
        async with httpx.AsyncClient(timeout=10) as caller:
            answer = await caller.post(f"{server}/mcp", json=body, headers=headers)
        assert answer.status_code == 401
        assert answer.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_validate_claim_over_graphql(sample_graph: Graph, redis: Redis) -> None:
    if claim_operation(build_schema()) is None:
        pytest.skip("the schema has no validateClaim field yet: claim validation is being built alongside")
    lines = [{"id": "1", "code": "97551", "units": 1}]
    async with stdio() as session:
        report = _ok(
            await session.call_tool(
                "validate_claim", {"date_of_service": "2024-06-01", "setting": "PRACTITIONER", "lines": lines}
            )
        )
    assert report["clean"] is False
    assert any("97551" in f["codes"] for f in report["findings"])


async def test_http_mcp_needs_the_apps_lifespan(client: httpx.AsyncClient) -> None:
    """The ASGI test client runs no lifespan: /mcp says so instead of failing (uvicorn runs it; see above)."""
    answer = await client.post("/mcp", json={"jsonrpc": "2.0", "id": 1, "method": "tools/list"})
    assert answer.status_code == 503
    assert answer.json()["errors"][0]["extensions"]["code"] == "SERVICE_UNAVAILABLE"
