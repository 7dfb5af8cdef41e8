"""Whole results of repeated operations, kept until the current releases change.

A front end and a partner send the same few documents all day; executing one again costs ~1.5 ms of Python
for an answer that only a load can change. A result is kept per (document, variables, operation, date,
release generation) when it has no errors and read nothing particular to its caller (`viewer`). Page fields
are decided per caller after the lookup: the codes whose page fields the result holds are admitted by the
caller's meter first; when the meter refuses any, the operation runs in full (and answers with the refusal).
"""

from __future__ import annotations

import asyncio
import json
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from strawberry.types import ExecutionResult

from schema.context import Context
from schema.errors import CodedError
from schema.records import CodeKey

Key = tuple[str, str, str | None, date, int]


@dataclass(frozen=True, slots=True)
class Entry:
    data: dict[str, Any]
    extensions: dict[str, Any]
    viewed: tuple[CodeKey, ...]  # codes whose page fields the result holds
    size: int


class ResultCache:
    def __init__(self, entries: int, max_bytes: int, max_document: int) -> None:
        self.entries = entries
        self.max_bytes = max_bytes
        self.max_document = max_document
        self.bytes = 0
        self._store: OrderedDict[Key, Entry] = OrderedDict()
        self._running: dict[Key, asyncio.Future[None]] = {}  # operations being run, by key: followers wait

    def key(
        self, query: str | None, variables: dict[str, Any] | None, operation: str | None, generation: int
    ) -> Key | None:
        if not query or len(query) > self.max_document or self.entries <= 0:
            return None
        try:
            encoded = json.dumps(variables or {}, sort_keys=True, separators=(",", ":"))
        except (TypeError, ValueError):
            return None
        return (query, encoded, operation, date.today(), generation)

    def get(self, key: Key) -> Entry | None:
        entry = self._store.get(key)
        if entry is not None:
            self._store.move_to_end(key)
        return entry

    def put(self, key: Key, result: ExecutionResult, viewed: set[CodeKey]) -> None:
        if result.errors or result.data is None:
            return
        size = len(key[0]) + len(json.dumps(result.data, default=str))
        if size > self.max_bytes // 8:
            return  # one answer never takes more than an eighth of the budget
        old = self._store.pop(key, None)
        if old is not None:
            self.bytes -= old.size
        extensions = {k: v for k, v in (result.extensions or {}).items() if k != "meter"}
        self._store[key] = Entry(result.data, extensions, tuple(sorted(viewed, key=lambda k: (k.system, k.code))), size)
        self.bytes += size
        while self._store and (len(self._store) > self.entries or self.bytes > self.max_bytes):
            _, dropped = self._store.popitem(last=False)
            self.bytes -= dropped.size

    async def answer(
        self,
        context: Context,
        query: str | None,
        variables: dict[str, Any] | None,
        operation: str | None,
        current: Callable[[], Awaitable[int]],
        run: Callable[[], Awaitable[ExecutionResult]],
    ) -> ExecutionResult:
        if self.entries <= 0:
            return await run()
        try:
            key = self.key(query, variables, operation, await current())
        except Exception:  # the release check failed (down, refused): the operation answers for itself
            key = None
        if key is None:
            return await run()
        entry = self.get(key)
        if entry is None and key in self._running:
            # The same operation is running for another caller (a cold cache under load): wait for its answer
            # instead of sending the same reads again; when it is not kept, this caller runs its own.
            await asyncio.shield(self._running[key])
            entry = self.get(key)
        if entry is not None and await _admitted(context, entry):
            extensions = dict(entry.extensions)
            if isinstance(extensions.get("cost"), dict):  # the caller's own budget, not the first caller's
                extensions["cost"] = {**extensions["cost"], "limit": context.cost_limit}
            status = context.meter.last_status if context.meter else None
            if status is not None:
                extensions["meter"] = status.as_extension()
            return ExecutionResult(data=entry.data, errors=None, extensions=extensions or None)
        done = self._running.setdefault(key, asyncio.get_running_loop().create_future())
        try:
            result = await run()
            if not context.personal:
                self.put(key, result, context.viewed)
        finally:
            if self._running.get(key) is done:
                del self._running[key]
                done.set_result(None)
        return result


def _requested(entry: Entry) -> int | None:
    cost = entry.extensions.get("cost")
    requested = cost.get("requested") if isinstance(cost, dict) else None
    return requested if isinstance(requested, int) else None


async def _admitted(context: Context, entry: Entry) -> bool:
    """The caller may have the cached result: its cost is within the caller's budget (then it is charged to the
    caller's cost per minute, as a run would be), and the caller may see every page it holds (admitting them
    counts the views, as a run would). False otherwise: the operation then runs and reports why itself."""
    requested = _requested(entry)
    if requested is not None and context.cost_limit is not None and requested > context.cost_limit:
        return False
    if entry.viewed and context.meter is not None:
        try:
            if not all(await context.meter.admit(list(entry.viewed))):
                return False
        except CodedError:
            return False
    if requested is not None and context.on_cost is not None:
        context.on_cost(requested)
    return True
