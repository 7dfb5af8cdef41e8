"""The Lua scripts in graph_api/lua/, registered once per process and called by name."""

from __future__ import annotations

from pathlib import Path

from redis.asyncio import Redis
from redis.commands.core import AsyncScript

LUA_DIR = Path(__file__).parent / "lua"


class Scripts:
    def __init__(self, redis: Redis) -> None:
        self._scripts = {p.stem: redis.register_script(p.read_text()) for p in sorted(LUA_DIR.glob("*.lua"))}

    def __getitem__(self, name: str) -> AsyncScript:
        return self._scripts[name]
