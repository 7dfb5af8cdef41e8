"""`graph-api users list|set-tier|delete`: operators manage site accounts (graph_api/access/accounts.py)."""

from __future__ import annotations

import argparse
from collections.abc import Awaitable, Callable
from typing import Any

from rich.console import Console

from graph_api.access import accounts
from graph_api.access.identity import USER_TIERS
from graph_api.access.redis_client import RedisClient
from graph_api.ops.redis_work import with_redis
from graph_api.settings import Settings

out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


def run(args: argparse.Namespace, settings: Settings) -> int:
    if args.action == "list":
        users = with_redis(settings, accounts.listed)
        for u in users:
            out.print(f"{u.email:<40} {u.tier:<10} created={u.created} id={u.id}")
        out.print(f"{len(users)} account{'s' if len(users) != 1 else ''}")
        return 0
    if not args.email:
        err.print(f"error: users {args.action} needs the account's email")
        return 2
    try:
        work: Callable[[RedisClient], Awaitable[accounts.User | None]]
        if args.action == "set-tier":
            if not args.tier:
                err.print(f"error: users set-tier needs a tier: {' or '.join(USER_TIERS)}")
                return 2
            work = lambda r: accounts.set_tier(r, args.email, args.tier)  # noqa: E731
        else:
            work = lambda r: accounts.delete(r, args.email)  # noqa: E731
        user = with_redis(settings, work)
    except accounts.AccountError as exc:
        err.print(f"error: {exc}")
        return 2
    if user is None:
        err.print(f"error: no account with email {args.email}")
        return 1
    out.print(f"{user.email}: tier {user.tier}" if args.action == "set-tier" else f"deleted account {user.email}")
    return 0


def add_arguments(p: Any) -> None:
    p.add_argument("action", choices=["list", "set-tier", "delete"])
    p.add_argument("email", nargs="?", help="set-tier, delete: the account's email")
    p.add_argument("tier", nargs="?", choices=USER_TIERS, help="set-tier: registered or premium")
