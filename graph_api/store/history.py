"""Reads of code history and release diffs: the versions each release stated of a code, compared."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from graph_api.store.decode import grouped, release_record, to_date
from graph_api.store.graph import Graph
from schema.history_records import (
    VERSION_FIELDS,
    CodeChangeRecord,
    CodeVersionRecord,
    DiffCountKey,
    DiffKey,
    ReplacementsRecord,
)
from schema.records import CodeKey


def _values(row: Mapping[str, Any] | None) -> dict[str, object] | None:
    if row is None:
        return None
    return {k: to_date(v) for k, v in row.items()}


def change_record(row: Mapping[str, Any]) -> CodeChangeRecord:
    return CodeChangeRecord(
        system=row["system"],
        code=row["code"],
        change=row["change"],
        fields=tuple(row["fields"]),
        before=_values(row["before"]),
        after=_values(row["after"]),
    )


def diff_params(from_release: str, to_release: str, changes: Sequence[str]) -> dict[str, Any]:
    return {"from": from_release, "to": to_release, "fields": list(VERSION_FIELDS), "changes": list(changes)}


class HistoryReads:
    """The history reads of schema/reads.py; Neo4jReader inherits them."""

    graph: Graph

    async def code_history(self, keys: Sequence[CodeKey]) -> list[list[CodeVersionRecord]]:
        params = [{"system": k.system, "code": k.code} for k in keys]
        groups = grouped(await self.graph.read("get_code_history", keys=params), "versions", len(keys))
        return [
            [
                CodeVersionRecord(
                    release=release_record(v["release"]),
                    effective=to_date(v["effective"]) or date.min,
                    values={f: to_date(v["version"].get(f)) for f in VERSION_FIELDS},
                    closed=bool(v["version"].get("closed")),
                )
                for v in group
            ]
            for group in groups
        ]

    async def release_diff(self, keys: Sequence[DiffKey]) -> list[list[CodeChangeRecord]]:
        return [await self.diff_page(k) for k in keys]

    async def diff_page(self, key: DiffKey) -> list[CodeChangeRecord]:
        code, system, change = key.after
        records = await self.graph.read(
            "get_release_diff",
            **diff_params(key.from_release, key.to_release, key.changes),
            afterCode=code,
            afterSystem=system,
            afterChange=change,
            limit=key.limit,
        )
        return [change_record(r) for r in records]

    async def release_diff_count(self, keys: Sequence[DiffCountKey]) -> list[int]:
        totals = []
        for key in keys:
            params = diff_params(key.from_release, key.to_release, key.changes)
            records = await self.graph.read("get_release_diff_count", **params)
            totals.append(int(records[0]["total"]))
        return totals

    async def replacements(self, keys: Sequence[CodeKey]) -> list[ReplacementsRecord]:
        params = [{"system": k.system, "code": k.code} for k in keys]
        by_index = {r["i"]: r for r in await self.graph.read("get_code_replacements", keys=params)}
        return [
            ReplacementsRecord(_refs(r["replacedBy"]), _refs(r["replaces"]))
            if (r := by_index.get(i))
            else ReplacementsRecord((), ())
            for i in range(len(keys))
        ]


def _refs(refs: list[str]) -> tuple[CodeKey, ...]:
    return tuple(CodeKey(*ref.split(" ", 1)) for ref in sorted(refs))
