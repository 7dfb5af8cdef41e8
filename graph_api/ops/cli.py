"""The `graph-api` command: stack, db, load, releases, diff, export, schema, token, keys, serve.

Options go anywhere (`load ptp --setting hospital FILE` and `load ptp FILE --setting hospital` are the
same); every command has `--help` with an example; exit codes say what went wrong (see EXIT below).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Awaitable, Callable
from contextlib import nullcontext
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TypeVar

from neo4j.exceptions import DriverError
from redis.exceptions import RedisClusterException, RedisError
from rich.console import Console

from graph_api import logs
from graph_api.access import api_keys
from graph_api.access.identity import issue_token
from graph_api.ingest.kinds import KINDS, load
from graph_api.ingest.summary import LoadSummary
from graph_api.ops import isolated, preflight, serving, stack, streams, users_cli
from graph_api.ops.redis_work import with_redis
from graph_api.settings import Settings, get_settings
from graph_api.store.graph import Graph, Neo4jError
from graph_api.store.indexes import ensure_graph_model
from loaders.errors import LoadError
from loaders.gem import DIRECTIONS
from schema.errors import ServiceUnavailable

T = TypeVar("T")
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

EXIT = {"ok": 0, "failed": 1, "usage": 2, "bad input": 3, "unavailable": 4, "setup": 5, "interrupted": 130}
EXIT_HELP = "exit codes: 0 ok, 1 failed, 2 usage, 3 bad input file, 4 Neo4j or Redis unavailable, 5 missing tool"


def _with_graph(settings: Settings, work: Callable[[Graph], Awaitable[T]]) -> T:
    async def run() -> T:
        graph = Graph(settings)
        try:
            return await work(graph)
        finally:
            await graph.close()

    return asyncio.run(run())


def _cmd_stack(args: argparse.Namespace, settings: Settings) -> int:
    if args.action == "up":
        stack.up(settings, out.print)
        removed = _with_graph(settings, stack.clean_unfinished)
        for rid in removed:
            out.print(f"removed the leftovers of an unfinished load: {rid}")
    elif args.action == "down":
        stack.down(settings, out.print)
    elif args.action == "run":
        return isolated.run(settings, args.command, out.print)
    else:
        return 0 if stack.status(settings, out.print) else EXIT["unavailable"]
    return 0


def _cmd_db(args: argparse.Namespace, settings: Settings) -> int:
    names = _with_graph(settings, ensure_graph_model)
    out.print(f"graph model ready: {len(names)} constraints and indexes in place")
    return 0


def _summary_line(s: LoadSummary) -> str:
    if s.unchanged:
        return f"{s.source}: release {s.label} is already current; nothing to do"
    detail = ", ".join(f"{k} {v}" for k, v in sorted(s.counts.items()))
    return f"{s.source}: loaded release {s.label} ({s.rows} rows; {detail})"


def _cmd_load(args: argparse.Namespace, settings: Settings) -> int:
    kind = KINDS[args.kind]
    for option in ("setting", "direction", "format"):
        if getattr(args, option) is not None and option not in kind.options:
            raise LoadError(args.kind, None, f"--{option}", f"no --{option} for `load {args.kind}`")
    logs.configure(settings.log_level, sys.stdout, "graph_api.load")
    summaries = _with_graph(
        settings,
        lambda g: load(
            g,
            args.kind,
            [Path(p) for p in args.paths],
            setting=args.setting,
            direction=args.direction,
            label=args.label,
            format=args.format,
            progress=True,
        ),
    )
    for s in summaries:
        out.print(_summary_line(s))
    return 0


def _cmd_releases(args: argparse.Namespace, settings: Settings) -> int:
    records = _with_graph(settings, lambda g: g.read("get_releases"))
    for record in records:
        r = record["release"]
        mark = "*" if r["current"] else " "
        out.print(f"{mark} {r['source']:<28} {r['label']:<36} {r['status']:<10} rows={r['rows']} {r['loadedAt']}")
    return 0


def _cmd_validate(args: argparse.Namespace, settings: Settings) -> int:
    from graph_api.ops.claims_cli import validate_file

    with open(args.output, "w", encoding="utf-8", newline="") if args.output else nullcontext(sys.stdout) as sink:
        summary = _with_graph(settings, lambda g: validate_file(g, Path(args.path), args.format, sink, args.chunk))
    err.print(summary.text())
    return 0


def _cmd_mcp(args: argparse.Namespace, settings: Settings) -> int:
    from graph_api.mcp.server import serve_stdio

    serve_stdio(settings)
    return 0


def _cmd_diff(args: argparse.Namespace, settings: Settings) -> int:
    written = _with_graph(settings, lambda g: streams.diff(g, args))
    err.print(f"{written} changes")
    return 0


def _cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    written = _with_graph(settings, lambda g: streams.export(g, args))
    err.print(f"{written} rows")
    return 0


def _cmd_schema(args: argparse.Namespace, settings: Settings) -> int:
    from schema import build_schema

    print(build_schema().as_str())
    return 0


def _cmd_token(args: argparse.Namespace, settings: Settings) -> int:
    out.print(issue_token(settings, args.user, args.tier, args.days))
    return 0


def _cmd_keys(args: argparse.Namespace, settings: Settings) -> int:
    if args.action == "create":
        quota = args.quota if args.quota is not None else settings.partner_default_quota
        rpm = args.rpm if args.rpm is not None else settings.partner_default_rpm
        key, record = with_redis(settings, lambda r: api_keys.create(r, args.name, quota, rpm))
        out.print(
            f"created key {record.id} for {record.name} (quota {quota} code pages per period, {rpm} requests/min)"
        )
        out.print("The key is shown once; store it now:")
        out.print(key)
    elif args.action == "list":
        for k in with_redis(settings, api_keys.listed):
            out.print(f"{k.id}  {k.name:<24} quota={k.quota} rpm={k.rpm} created={k.created}")
    else:
        if not args.id:
            raise LoadError("keys revoke", None, "id", "the key id that `keys list` shows")
        if not with_redis(settings, lambda r: api_keys.revoke(r, args.id)):
            err.print(f"error: no key with id {args.id}")
            return EXIT["failed"]
        out.print(f"revoked key {args.id}")
    return 0


def _cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    from graph_api.server.production import unsafe_settings

    if problem := unsafe_settings(settings):
        err.print(f"error: {problem}")
        return EXIT["usage"]
    try:
        preflight.run(settings)
    except preflight.ConfigError as exc:
        err.print(f"error: {exc}")
        return EXIT["unavailable"]
    with serving.metrics_dir(args.workers):
        uvicorn.run(
            "graph_api.server.app:create_app",
            factory=True,
            host=args.host,
            port=args.port,
            workers=args.workers,
            log_level="info",
            access_log=False,  # one JSON line per request comes from graph_api/server/observe.py
            # uvicorn kills a worker that does not answer its health ping in time (default 5 s); a worker that is
            # still importing on a busy host is not hung.
            timeout_worker_healthcheck=30,
            # uvicorn would believe X-Forwarded-For from 127.0.0.1 by default; TRUSTED_PROXIES decides instead.
            proxy_headers=False,
        )
    return 0


def _command(
    sub: argparse._SubParsersAction,  # type: ignore[type-arg]
    name: str,
    help: str,
    example: str,
    run: Callable[[argparse.Namespace, Settings], int],
) -> argparse.ArgumentParser:
    p: argparse.ArgumentParser = sub.add_parser(
        name,
        help=help,
        description=help,
        epilog=f"example:\n  {example}\n\n{EXIT_HELP}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.set_defaults(run=run)
    return p


def _version() -> str:
    try:
        return version("graph-api")
    except PackageNotFoundError:
        return "unknown"


def parser() -> argparse.ArgumentParser:
    return _build()[0]


def _build() -> tuple[argparse.ArgumentParser, dict[str, argparse.ArgumentParser]]:
    root = argparse.ArgumentParser(
        prog="graph-api",
        description="Medical-coding knowledge graph service.",
        epilog=EXIT_HELP,
    )
    root.add_argument("--version", action="version", version=f"graph-api {_version()}")
    sub = root.add_subparsers(dest="command_name", required=True, metavar="COMMAND")

    p = _command(sub, "stack", "start, stop or inspect the local Neo4j and Redis", "graph-api stack up", _cmd_stack)
    p.add_argument("action", choices=["up", "down", "status", "run"], help="run: CMD after `--` on a throwaway stack")

    p = _command(sub, "db", "create constraints and indexes (idempotent)", "graph-api db init", _cmd_db)
    p.add_argument("action", choices=["init"])

    kinds = "\n".join(f"  {k.name:<11} {k.help}" for k in KINDS.values())
    examples = "\n  ".join(k.example for k in KINDS.values())
    p = _command(sub, "load", "load a release of an official file (or the sample graph)", examples, _cmd_load)
    p.description = f"Load a release of an official file (or the sample graph). Kinds:\n{kinds}"
    p.add_argument("kind", choices=list(KINDS), metavar="KIND")
    p.add_argument("paths", nargs="*", metavar="FILE", help="the file(s) of one release")
    p.add_argument("--setting", help="ptp: practitioner|hospital; mue: practitioner|hospital|dme")
    p.add_argument("--direction", choices=sorted(DIRECTIONS), help="gem: override the file's direction")
    p.add_argument("--label", help="release label (default: the file names)")
    p.add_argument("--format", help="cpt: long|medium|short|consumer|clinician, where the content is ambiguous")

    p = _command(
        sub, "validate", "check claims (CSV or NDJSON, docs/claims.md) against the NCCI edits",
        "graph-api validate claims.csv --format csv --output findings.csv", _cmd_validate,
    )  # fmt: skip
    p.add_argument("path", metavar="FILE")
    p.add_argument("--format", choices=["table", "csv", "ndjson"], default="table")
    p.add_argument("--output", help="write the findings here instead of standard output")
    p.add_argument("--chunk", type=int, default=5000, help="claim lines per graph read")

    _command(
        sub, "schema", "print the GraphQL SDL (schema/schema.graphql)", "graph-api schema > api.graphql", _cmd_schema
    )
    _command(sub, "releases", "list the releases loaded (* = current)", "graph-api releases", _cmd_releases)

    p = _command(
        sub, "diff", "what changed between two releases of one source (codes, or edits and mappings)",
        "graph-api diff hcpcs HCPC2018_CONTR_ANWEB_disc HCPC2019_ANWEB --format csv > changes.csv", _cmd_diff,
    )  # fmt: skip
    p.add_argument("source", metavar="SOURCE", help="a release source: hcpcs, icd10cm, ncci_ptp/practitioner, ...")
    p.add_argument("from_release", metavar="FROM", help="release id or label")
    p.add_argument("to_release", metavar="TO", help="release id or label")
    p.add_argument("--format", choices=["table", "csv", "ndjson"], default="table")

    p = _command(
        sub, "export", "every code or edge of one release with its provenance, streamed",
        "graph-api export ncci_ptp/practitioner --format ndjson > ptp.ndjson", _cmd_export,
    )  # fmt: skip
    p.add_argument("source", metavar="SOURCE", help="a release source: hcpcs, icd10cm, ncci_ptp/practitioner, ...")
    p.add_argument("--release", help="release id or label (default: the current one)")
    p.add_argument("--format", choices=["csv", "ndjson"], default="ndjson")

    p = _command(
        sub, "token", "print a signed development user token", "graph-api token --user ana --tier premium", _cmd_token
    )
    p.add_argument("--user", required=True)
    p.add_argument("--tier", choices=["registered", "premium"], default="registered")
    p.add_argument("--days", type=float, default=7, help="validity in days")

    p = _command(
        sub, "keys", "partner API keys", "graph-api keys create --name acme --quota 50000 --rpm 600", _cmd_keys
    )
    p.add_argument("action", choices=["create", "list", "revoke"])
    p.add_argument("id", nargs="?", help="revoke: the key id")
    p.add_argument("--name", default="partner", help="create: who the key is for")
    p.add_argument("--quota", type=int, help="create: code pages per period")
    p.add_argument("--rpm", type=int, help="create: requests per minute")

    p = _command(
        sub, "users", "site accounts: list, change tier, delete",
        "graph-api users set-tier ana@example.org premium", users_cli.run,
    )  # fmt: skip
    users_cli.add_arguments(p)

    _command(
        sub, "mcp", "CasePilot MCP tools over stdio (caller: GRAPH_API_KEY, GRAPH_API_TOKEN, else a guest)",
        "graph-api mcp   (as a partner: GRAPH_API_KEY=... in its environment)", _cmd_mcp,
    )  # fmt: skip

    p = _command(
        sub, "serve", "serve GraphQL on /graphql with uvicorn", "graph-api serve --port 8000 --workers 2", _cmd_serve
    )
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=1)
    return root, dict(sub.choices)


def main(argv: list[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    rest: list[str] = []
    if "--" in words:  # `stack run -- CMD ...`: everything after `--` is the command
        cut = words.index("--")
        words, rest = words[:cut], words[cut + 1 :]
    logging.getLogger("neo4j").setLevel(logging.CRITICAL)  # retries of an unreachable server: one line below
    root, commands = _build()
    at = next((i for i, w in enumerate(words) if not w.startswith("-")), None)
    if at is None or words[at] not in commands:
        root.parse_args(words)  # --help, --version or a usage error: argparse exits
        return EXIT["usage"]
    # Each command parses its own words intermixed, so options may come before or after the files.
    args = commands[words[at]].parse_intermixed_args(words[:at] + words[at + 1 :])
    args.command = rest
    settings = get_settings()
    try:
        return int(args.run(args, settings))
    except LoadError as exc:
        err.print(f"error: {exc}")
        return EXIT["bad input"]
    except stack.StackError as exc:
        err.print(f"error: {exc}")
        return EXIT["setup"]
    except (ServiceUnavailable, DriverError):
        err.print(f"error: cannot reach Neo4j at {settings.neo4j_uri}; start it with `graph-api stack up`")
        return EXIT["unavailable"]
    except Neo4jError as exc:
        err.print(f"error: Neo4j refused the operation: {exc.message}")
    except (RedisError, RedisClusterException) as exc:
        err.print(f"error: cannot reach Redis at {settings.redis_url}: {exc}; start it with `graph-api stack up`")
        return EXIT["unavailable"]
    except OSError as exc:
        err.print(f"error: {exc}")
    except KeyboardInterrupt:
        err.print("interrupted")
        return EXIT["interrupted"]
    return EXIT["failed"]


if __name__ == "__main__":
    sys.exit(main())
