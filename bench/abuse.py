"""Each abuse of issue 10 refused in its server time, and a normal query's latency alone vs while it runs.

    python -m bench.abuse [--normal 200] [--per-abuser 40] [--abusers 2] [--seconds 20]

Starts a real `graph-api serve` (one worker) on the stack under test with the sample graph, on 127.0.0.1 only.
For each abuse, `--abusers` concurrent callers send it (at most `--per-abuser` times each, at most `--seconds`)
while one caller sends the normal query (a premium user's code page) in a loop; each abuse document is new on
every request (no parse cache helps). Server time is the `ms` of the request's own log line (the outermost
middleware, graph_api/server/observe.py: first ASGI call to last byte sent), matched by X-Request-Id.
Fair use stays on with limits no abuse reaches (one Redis call per request as in production), except for
the partner key with 1 request per minute whose refusals are the 429 row.

The same-run baselines: the normal query alone (before and after), and the normal query while the same number
of callers send the normal query too ("control"): on 2 shared cores any concurrent caller slows it somewhat;
an abuse refused cheaply should slow it no more than the control does.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import itertools
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bench.common import row, sample_only, wait_ready
from graph_api.access import api_keys, redis_client
from graph_api.access.identity import issue_token
from graph_api.ops.isolated import free_port
from graph_api.settings import get_settings

NORMAL = '{ code(system: CPT, code: "97551") { system code display isAddOn primaryCodes { code system addOnType } } }'
JSON = {"content-type": "application/json"}


def _doc(query: str, **variables: object) -> bytes:
    return json.dumps({"query": query, "variables": variables}).encode()


def _nested(i: int) -> bytes:
    inner = f"{{ code {{ code salt{i}: code }} }}"  # a fresh alias each time: never a cached document
    for _ in range(3):
        inner = f"{{ code {{ relatedCodes(first: 100) {inner} }} }}"
    return _doc(f'{{ code(system: CPT, code: "97551") {{ relatedCodes(first: 100) {inner} }} }}')


def _code_aliases(n: int, i: int) -> bytes:
    return _doc("{" + " ".join(f'a{k}: code(system: CPT, code: "{i}-{k}") {{ code }}' for k in range(n)) + "}")


def _explain_aliases(n: int, i: int) -> bytes:
    one = 'e{k}: explainRelation(from: {{system: CPT, code: "{i}"}}, to: {{system: CPT, code: "97551"}}) {{ length }}'
    return _doc("{" + " ".join(one.format(k=k, i=i) for k in range(n)) + "}")


def _deep(i: int) -> bytes:
    return _doc(f'{{ code(system: CPT, code: "{i}") {{ ' + "children { " * 12 + "code" + " }" * 12 + " } }")


def _tokens(i: int) -> bytes:  # just under the 100 KB body cap, over the token limit
    return _doc("{" + f"r{i}: releases {{ label }} " + " ".join("releases { label }" for _ in range(4900)) + "}")


def _fragment_bomb(i: int) -> bytes:
    fragments = [f"fragment F0 on Release {{ label s{i}: label }}"]
    fragments += [f"fragment F{n} on Release {{ ...F{n - 1} ...F{n - 1} }}" for n in range(1, 20)]
    return _doc("{ releases { ...F19 } } " + " ".join(fragments))


def _cursor(depth: int) -> str:
    return base64.urlsafe_b64encode(("[" * depth + "]" * depth).encode()).decode()


async def _streamed(size: int) -> AsyncIterator[bytes]:
    for _ in range(size // 65536):
        yield b" " * 65536


@dataclass
class Abuse:
    name: str
    body: Callable[[int], bytes | Callable[[], AsyncIterator[bytes]]]
    expect: tuple[int, str | None]  # status and extensions.code (None: an answer without errors)
    headers: dict[str, str] = field(default_factory=dict)
    count: int | None = None  # fewer sends for the very large bodies


SEARCH = "query($t: String!) { searchCodes(text: $t) { totalCount } }"
TEN_MB = b'{"query": "' + b"x" * 10_000_000 + b'"}'


def abuses(partner_key: str) -> list[Abuse]:
    return [
        Abuse("relatedCodes(first:100) nested 4 deep", _nested, (200, "QUERY_TOO_COMPLEX")),
        Abuse("10,000 aliases of code (~0.5 MB)", lambda i: _code_aliases(10_000, i), (413, "PAYLOAD_TOO_LARGE")),
        Abuse("51 aliases of code", lambda i: _code_aliases(51, i), (200, "QUERY_TOO_COMPLEX")),
        Abuse("200 aliases of explainRelation", lambda i: _explain_aliases(200, i), (200, "QUERY_TOO_COMPLEX")),
        Abuse("50 aliases of explainRelation (cost)", lambda i: _explain_aliases(50, i), (200, "QUERY_TOO_COMPLEX")),
        Abuse("10 MB body", lambda i: TEN_MB, (413, "PAYLOAD_TOO_LARGE"), count=10),
        Abuse(
            "10 MB body streamed, no length",
            lambda i: lambda: _streamed(10_000_000),
            (413, "PAYLOAD_TOO_LARGE"),
            count=10,
        ),
        Abuse("selection 13 deep", _deep, (200, "QUERY_TOO_COMPLEX")),
        Abuse("4,900 fields, ~95 KB (tokens)", _tokens, (200, "QUERY_TOO_COMPLEX")),
        Abuse("fragment bomb (2^19 fields)", _fragment_bomb, (200, "QUERY_TOO_COMPLEX")),
        Abuse("JSON nested 50,000 deep", lambda i: b"[" * 50_000 + b"]" * 50_000, (400, "BAD_REQUEST")),
        Abuse('search "NOT" (Lucene syntax: now a word)', lambda i: _doc(SEARCH, t="NOT"), (200, None)),
        Abuse(
            "search of 2,000 words",
            lambda i: _doc(SEARCH, t=" ".join(f"w{i}x{k}" for k in range(2000))),
            (200, "BAD_USER_INPUT"),
        ),
        Abuse(
            "bad Date variable",
            lambda i: _doc(
                'query($d: Date) { code(system: CPT, code: "97551", asOf: $d) { code } }', d=f"2024-13-{i % 90:02}"
            ),
            (200, "BAD_USER_INPUT"),
        ),
        Abuse(
            "cursor of JSON nested 20,000 deep",
            lambda i: _doc(
                'query($a: String) { searchCodes(text: "care", after: $a) { totalCount } }', a=_cursor(20_000 + i)
            ),
            (200, "BAD_USER_INPUT"),
        ),
        Abuse(
            "invalid UTF-8",
            lambda i: b'{"query": "{ releases { label } }"\xff' + str(i).encode() + b"}",
            (400, "BAD_REQUEST"),
        ),
        Abuse("JSON null body", lambda i: b"null", (400, "BAD_REQUEST")),
        Abuse(
            "forged bearer token",
            lambda i: _doc(NORMAL),
            (401, "UNAUTHENTICATED"),
            headers={"authorization": "Bearer eyJhbGciOiJIUzI1NiJ9.e30.forged"},
        ),
        Abuse(
            "partner over 1 request/minute",
            lambda i: _doc(NORMAL),
            (429, "RATE_LIMITED"),
            headers={"x-api-key": partner_key},
        ),
    ]


class Run:
    def __init__(self, url: str, token: str, seconds: float) -> None:
        self.url = url
        self.normal_headers = {**JSON, "authorization": f"Bearer {token}"}
        self.seconds = seconds
        self.ids = itertools.count()
        self.unexpected: list[str] = []

    async def normal(self, client: httpx.AsyncClient, until: Callable[[], bool]) -> list[float]:
        samples = []
        while not until():
            started = time.perf_counter()
            r = await client.post(self.url, content=_doc(NORMAL), headers=self.normal_headers)
            samples.append((time.perf_counter() - started) * 1000)
            if r.status_code != 200 or "errors" in r.json():
                self.unexpected.append(f"normal query: {r.status_code} {r.text[:200]}")
        return samples

    async def abuser(self, abuse: Abuse, count: int, deadline: float, request_ids: list[str]) -> None:
        async with httpx.AsyncClient(timeout=60) as client:
            for _ in range(count):
                if time.perf_counter() > deadline:
                    return
                n = next(self.ids)
                rid = f"abuse-{n}"
                made = abuse.body(n)
                body = made() if callable(made) else made
                headers = {**JSON, **abuse.headers, "x-request-id": rid}
                request_ids.append(rid)
                try:
                    r = await client.post(self.url, content=body, headers=headers)
                except httpx.TransportError:  # the server closed the connection after refusing: as expected
                    continue
                code = (r.json().get("errors") or [{}])[0].get("extensions", {}).get("code")
                if (r.status_code, code) != abuse.expect:
                    self.unexpected.append(f"{abuse.name}: {r.status_code} {code} {r.text[:200]}")

    async def attack(
        self, client: httpx.AsyncClient, abuse: Abuse, abusers: int, per: int
    ) -> tuple[list[str], list[str], list[float]]:
        """(request ids sent alone, request ids sent with the normal query running, normal query latencies)."""
        if "x-api-key" in abuse.headers:  # the key's one request of this minute: 429 from then on
            await client.post(self.url, content=_doc(NORMAL), headers={**JSON, **abuse.headers})
        alone: list[str] = []
        await self.abuser(abuse, abuse.count or per, time.perf_counter() + self.seconds, alone)
        loaded: list[str] = []
        deadline = time.perf_counter() + self.seconds
        callers = [
            asyncio.create_task(self.abuser(abuse, abuse.count or per, deadline, loaded)) for _ in range(abusers)
        ]
        normal = await self.normal(client, lambda: all(c.done() for c in callers))
        await asyncio.gather(*callers)
        return alone, loaded, normal


def _counted(n: int) -> Callable[[], bool]:
    calls = itertools.count()
    return lambda: next(calls) >= n


def _server_ms(log: Path) -> dict[str, float]:
    found = {}
    for line in log.read_text(errors="replace").splitlines():
        if line.startswith("{") and '"request_id"' in line:
            entry = json.loads(line)
            found[entry["request_id"]] = float(entry["ms"])
    return found


async def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--normal", type=int, default=200, help="normal queries in each 'alone' phase")
    parser.add_argument("--per-abuser", type=int, default=40)
    parser.add_argument("--abusers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=20, help="time bound of each abuse")
    args = parser.parse_args()
    settings = get_settings()
    await sample_only()
    redis = redis_client.connect(settings)
    partner_key, _ = await api_keys.create(redis, "bench-abuse", quota=-1, rpm=1)
    await redis.aclose()
    token = issue_token(settings, "bench-abuse", "premium")
    port = free_port()
    env = {**os.environ, "REQUESTS_PER_MINUTE": "1000000", "COST_PER_MINUTE": "1000000000", "LOG_LEVEL": "INFO"}
    command = [sys.executable, "-m", "graph_api.ops.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "serve.log"
        with log.open("wb") as out:
            server = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)  # noqa: ASYNC220
        try:
            async with httpx.AsyncClient(timeout=60) as client:
                await wait_ready(client, port)
                run = Run(f"http://127.0.0.1:{port}/graphql", token, args.seconds)
                await run.normal(client, _counted(50))  # warm-up
                before = await run.normal(client, _counted(args.normal))
                control = Abuse(
                    "control: the normal query",
                    lambda i: _doc(NORMAL),
                    (200, None),
                    headers={"authorization": f"Bearer {token}"},
                )
                results = []
                for abuse in [control, *abuses(partner_key)]:
                    results.append((abuse, *await run.attack(client, abuse, args.abusers, args.per_abuser)))
                after = await run.normal(client, _counted(args.normal))
        finally:
            server.terminate()
            server.wait(timeout=60)
        server_ms = _server_ms(log)
    print(f"Abuse vs `graph-api serve` (1 worker, sample graph, 127.0.0.1); server time from its request log lines;"
          f" 'alone': one caller sends it in turn; 'loaded': {args.abusers} callers at once and the normal query"
          f" (a premium code page) in a loop")  # fmt: skip
    row("normal query alone p50 (before)", statistics.median(before), "ms", f"n={len(before)}")
    row("normal query alone p50 (after)", statistics.median(after), "ms", f"n={len(after)}")
    print(
        f"  {'abuse':<40} {'answer':<24} {'server ms, alone':>29} {'server ms, loaded':>29} {'normal p50 loaded':>19}"
    )
    print(f"  {'':<40} {'':<24}" + f" {'p50':>7} {'p90':>7} {'max':>7} {'n':>5}" * 2)
    slow_p50: list[str] = []
    slow_max: list[str] = []
    for abuse, alone, loaded, during in results:
        status, code = abuse.expect
        cells = []
        for ids in (alone, loaded):
            times = sorted(server_ms[i] for i in ids if i in server_ms)
            if not times:
                cells.append(f"{'no log lines':>29}")
                continue
            p50, p90 = statistics.median(times), times[max(math.ceil(len(times) * 0.9) - 1, 0)]
            cells.append(f"{p50:>7.2f} {p90:>7.2f} {times[-1]:>7.2f} {len(times):>5}")
            if abuse is not control and p50 >= 50:
                slow_p50.append(abuse.name)
            if abuse is not control and times[-1] >= 50:
                slow_max.append(abuse.name)
        normal = f"{statistics.median(during):>8.2f} n={len(during)}"
        answer = f"{status} {code or 'answered'}"
        print(f"  {abuse.name:<40} {answer:<24} {cells[0]} {cells[1]} {normal:>19}")
    print(f"  p50 at or over 50 ms (alone or loaded): {', '.join(dict.fromkeys(slow_p50)) or 'none'}")
    print(f"  max at or over 50 ms (alone or loaded): {', '.join(dict.fromkeys(slow_max)) or 'none'}")
    if run.unexpected:
        print(f"  UNEXPECTED answers ({len(run.unexpected)}):")
        for line in sorted(set(run.unexpected))[:20]:
            print(f"    {line}")


if __name__ == "__main__":
    asyncio.run(main())
