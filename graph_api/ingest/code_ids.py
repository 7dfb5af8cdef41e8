"""Code nodes an edge loader names, merged once and then addressed by element id.

Edge statements look their endpoints up by element id instead of the (system, code) index: on this
hardware that doubles edge throughput. Bounded by the number of distinct codes a file names.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from loaders.code_forms import display_form

Run = Callable[[str, list[dict[str, Any]]], Awaitable[list[Any]]]


class CodeIds:
    def __init__(self) -> None:
        self._ids: dict[tuple[str, str], str] = {}

    async def resolve(self, run: Run, keys: Iterable[tuple[str, str]]) -> None:
        missing = {k for k in keys if k not in self._ids}
        if not missing:
            return
        rows = [{"system": s, "code": c, "display": display_form(s, c)} for s, c in sorted(missing)]
        for record in await run("merge_code_ids", rows):
            self._ids[(record["system"], record["code"])] = record["id"]

    def known(self, keys: Iterable[tuple[str, str]]) -> bool:
        return all(k in self._ids for k in keys)

    def __getitem__(self, key: tuple[str, str]) -> str:
        return self._ids[key]
