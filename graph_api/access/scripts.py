"""The Lua scripts in graph_api/access/lua/ (package data), registered once per process and called by name."""

from __future__ import annotations

from importlib import resources

from redis.commands.core import AsyncScript

from graph_api.access.redis_client import RedisClient

LUA_DIR = resources.files(__package__) / "lua"


class Scripts:
    def __init__(self, redis: RedisClient) -> None:
        self._scripts = {
            p.name.removesuffix(".lua"): redis.register_script(p.read_text(encoding="utf-8"))
            for p in sorted(LUA_DIR.iterdir(), key=lambda p: p.name)
            if p.name.endswith(".lua")
        }

    def __getitem__(self, name: str) -> AsyncScript:
        return self._scripts[name]
