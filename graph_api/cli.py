"""The `graph-api` command: stack, db, load, releases, serve."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

from neo4j.exceptions import DriverError
from redis.asyncio import Redis
from redis.exceptions import RedisError
from rich.console import Console

from graph_api import api_keys, stack
from graph_api.cypher import CypherLibrary
from graph_api.graph import Graph, Neo4jError
from graph_api.identity import issue_token
from graph_api.loading import KINDS, load
from graph_api.model import init_schema
from graph_api.settings import Settings, get_settings
from loaders.errors import LoadError
from loaders.gem import DIRECTIONS
from schema.errors import ServiceUnavailable

T = TypeVar("T")
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def _with_graph(settings: Settings, work: Callable[[Graph], Awaitable[T]]) -> T:
    async def run() -> T:
        graph = Graph(settings, CypherLibrary(settings.cypher_dir))
        try:
            return await work(graph)
        finally:
            await graph.close()

    return asyncio.run(run())


def _cmd_stack(args: argparse.Namespace, settings: Settings) -> int:
    if args.action == "up":
        stack.up(settings, out.print)
    elif args.action == "down":
        stack.down(settings, out.print)
    else:
        return 0 if stack.status(settings, out.print) else 1
    return 0


def _cmd_db(args: argparse.Namespace, settings: Settings) -> int:
    names = _with_graph(settings, init_schema)
    out.print(f"graph model ready: {len(names)} constraints and indexes in place")
    return 0


def _cmd_load(args: argparse.Namespace, settings: Settings) -> int:
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
        if s.unchanged:
            out.print(f"{s.source}: release {s.label} is already current; nothing to do")
        else:
            detail = ", ".join(f"{k} {v}" for k, v in sorted(s.counts.items()))
            out.print(f"{s.source}: loaded release {s.label} ({s.rows} rows; {detail})")
    return 0


def _cmd_releases(args: argparse.Namespace, settings: Settings) -> int:
    records = _with_graph(settings, lambda g: g.read("get_releases"))
    for record in records:
        r = record["release"]
        mark = "*" if r["current"] else " "
        out.print(f"{mark} {r['source']:<28} {r['label']:<36} {r['status']:<10} rows={r['rows']} {r['loadedAt']}")
    return 0


def _cmd_schema(args: argparse.Namespace, settings: Settings) -> int:
    from schema import build_schema

    print(build_schema().as_str())
    return 0


def _cmd_token(args: argparse.Namespace, settings: Settings) -> int:
    out.print(issue_token(settings, args.user, args.tier, args.days))
    return 0


def _with_redis(settings: Settings, work: Callable[[Redis], Awaitable[T]]) -> T:
    async def run() -> T:
        client = Redis.from_url(settings.redis_url, socket_timeout=2, socket_connect_timeout=2)
        try:
            return await work(client)
        finally:
            await client.aclose()

    return asyncio.run(run())


def _cmd_keys(args: argparse.Namespace, settings: Settings) -> int:
    if args.action == "create":
        quota = args.quota if args.quota is not None else settings.partner_default_quota
        rpm = args.rpm if args.rpm is not None else settings.partner_default_rpm
        key, record = _with_redis(settings, lambda r: api_keys.create(r, args.name, quota, rpm))
        out.print(
            f"created key {record.id} for {record.name} (quota {quota} code pages per period, {rpm} requests/min)"
        )
        out.print("The key is shown once; store it now:")
        out.print(key)
    elif args.action == "list":
        for k in _with_redis(settings, api_keys.listed):
            out.print(f"{k.id}  {k.name:<24} quota={k.quota} rpm={k.rpm} created={k.created}")
    else:
        if not args.id:
            raise LoadError("keys revoke", None, "id", "the key id that `keys list` shows")
        if not _with_redis(settings, lambda r: api_keys.revoke(r, args.id)):
            err.print(f"error: no key with id {args.id}")
            return 1
        out.print(f"revoked key {args.id}")
    return 0


def _cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    uvicorn.run(
        "graph_api.app:create_app", factory=True, host=args.host, port=args.port, workers=args.workers, log_level="info"
    )
    return 0


def _cmd_mcp(args: argparse.Namespace, settings: Settings) -> int:
    from graph_api.mcp.server import serve_stdio

    serve_stdio(settings)
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="graph-api", description="Medical-coding knowledge graph service.")
    sub = root.add_subparsers(dest="command", required=True)

    p = sub.add_parser("stack", help="start, stop or inspect the local Neo4j and Redis")
    p.add_argument("action", choices=["up", "down", "status"])
    p.set_defaults(run=_cmd_stack)

    p = sub.add_parser("db", help="graph model")
    p.add_argument("action", choices=["init"], help="create constraints and indexes (idempotent)")
    p.set_defaults(run=_cmd_db)

    p = sub.add_parser("load", help="load a release of an official file (or the sample graph)")
    p.add_argument("kind", choices=KINDS)
    p.add_argument("paths", nargs="*", help="the file(s) of one release")
    p.add_argument("--setting", help="ptp: practitioner|hospital; mue: practitioner|hospital|dme")
    p.add_argument("--direction", choices=sorted(DIRECTIONS), help="gem: override the file's direction")
    p.add_argument("--label", help="release label (default: the file names)")
    p.add_argument(
        "--format", help="force the file format where content is ambiguous (cpt: long|medium|short|consumer|clinician)"
    )
    p.set_defaults(run=_cmd_load)

    p = sub.add_parser("schema", help="print the GraphQL SDL (the contract checked in as schema/schema.graphql)")
    p.set_defaults(run=_cmd_schema)

    p = sub.add_parser("releases", help="list the releases loaded")
    p.set_defaults(run=_cmd_releases)

    p = sub.add_parser("token", help="print a signed user token (HS256, GRAPH_API_SECRET) for development")
    p.add_argument("--user", required=True)
    p.add_argument("--tier", choices=["registered", "premium"], default="registered")
    p.add_argument("--days", type=float, default=7, help="validity in days")
    p.set_defaults(run=_cmd_token)

    p = sub.add_parser("keys", help="partner API keys")
    p.add_argument("action", choices=["create", "list", "revoke"])
    p.add_argument("id", nargs="?", help="revoke: the key id")
    p.add_argument("--name", default="partner", help="create: who the key is for")
    p.add_argument("--quota", type=int, help="create: code pages per period")
    p.add_argument("--rpm", type=int, help="create: requests per minute")
    p.set_defaults(run=_cmd_keys)

    p = sub.add_parser("serve", help="serve GraphQL on /graphql with uvicorn")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=1)
    p.set_defaults(run=_cmd_serve)

    p = sub.add_parser("mcp", help="serve the CasePilot MCP tools over stdio (GRAPH_API_KEY / GRAPH_API_TOKEN: caller)")
    p.set_defaults(run=_cmd_mcp)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    settings = get_settings()
    try:
        return int(args.run(args, settings))
    except (stack.StackError, LoadError) as exc:
        err.print(f"error: {exc}")
    except (ServiceUnavailable, DriverError):
        err.print(f"error: cannot reach Neo4j at {settings.neo4j_uri}; start it with `graph-api stack up`")
    except Neo4jError as exc:
        err.print(f"error: Neo4j refused the operation: {exc.message}")
    except RedisError as exc:
        err.print(f"error: cannot reach Redis at {settings.redis_url}: {exc}; start it with `graph-api stack up`")
    except OSError as exc:
        err.print(f"error: {exc}")
    except KeyboardInterrupt:
        err.print("interrupted")
    return 1


if __name__ == "__main__":
    sys.exit(main())
