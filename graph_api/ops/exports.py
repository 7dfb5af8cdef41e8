"""`graph-api diff` and `graph-api export` (and GET /export/...): rows streamed a page at a time, constant memory.

A code-set source answers with the versions of its codes (graph_api/store/history.py); an edit or mapping
source with its edges (graph_api/store/edge_diff.py). Rows are plain dicts of JSON-ready values.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import AsyncGenerator, AsyncIterator, Mapping
from contextlib import aclosing
from datetime import date
from typing import Any

from graph_api.store.decode import to_date
from graph_api.store.edge_diff import FIELDS, IDENTITY, edge_changes, edge_pages
from graph_api.store.graph import Graph
from graph_api.store.history import change_record, diff_params
from loaders.errors import LoadError
from schema.diffs import EDGE_SOURCES
from schema.history import ChangeKind
from schema.history_records import VERSION_FIELDS

PAGE = 2000  # codes of a code set per page (edges: graph_api/store/edge_diff.py edge_pages)
CODE_COLUMNS = ("system", "code", "display", *VERSION_FIELDS, "closed", "release")
CODE_CHANGE_COLUMNS = ("system", "code", "change", "fields", "before", "after")
EDGE_COLUMNS = ("type", "fromSystem", "fromCode", "toSystem", "toCode", "key", "values", "release")
EDGE_CHANGE_COLUMNS = (
    "type",
    "fromSystem",
    "fromCode",
    "toSystem",
    "toCode",
    "key",
    "change",
    "fields",
    "before",
    "after",
)


def _json(value: object) -> object:
    value = to_date(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {k: _json(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [_json(v) for v in value]
    return value


async def release_of(graph: Graph, source: str, wanted: str | None) -> dict[str, Any]:
    """A release of the source by id or label; the current one when none is named. LoadError when unknown."""
    releases = [r["release"] for r in await graph.read("get_releases") if r["release"]["source"] == source]
    if not releases:
        raise LoadError(source, None, "SOURCE", "a source loaded (see `graph-api releases`)")
    for release in releases:
        if (wanted is None and release["current"]) or wanted in (release["id"], release["label"]):
            return dict(release)
    raise LoadError(source, None, "release", "a release id or label of the source (see `graph-api releases`)", wanted)


def is_edge_source(source: str) -> bool:
    return source.split("/", 1)[0] in EDGE_SOURCES


async def code_diff_rows(graph: Graph, from_release: str, to_release: str) -> AsyncIterator[dict[str, Any]]:
    kinds = sorted(k.value for k in ChangeKind)
    code, system, change = "", "", ""
    while True:
        records = await graph.read(
            "get_release_diff", **diff_params(from_release, to_release, kinds),
            afterCode=code, afterSystem=system, afterChange=change, limit=PAGE,
        )  # fmt: skip
        for r in map(change_record, records):
            yield {"system": r.system, "code": r.code, "change": r.change, "fields": list(r.fields),
                   "before": _json(r.before), "after": _json(r.after)}  # fmt: skip
        if len(records) < PAGE:
            return
        code, system, change = records[-1]["code"], records[-1]["system"], records[-1]["change"]


async def edge_diff_rows(
    graph: Graph, source: str, from_release: str, to_release: str
) -> AsyncIterator[dict[str, Any]]:
    changes = edge_changes(graph, from_release, to_release, EDGE_SOURCES[source.split("/", 1)[0]])
    async with aclosing(changes):
        async for r in changes:
            yield {"type": r.type, "fromSystem": r.from_system, "fromCode": r.from_code, "toSystem": r.to_system,
                   "toCode": r.to_code, "key": r.key, "change": r.change, "fields": list(r.fields),
                   "before": _json(r.before), "after": _json(r.after)}  # fmt: skip


async def diff_rows(graph: Graph, source: str, from_release: str, to_release: str) -> AsyncIterator[dict[str, Any]]:
    old, new = await release_of(graph, source, from_release), await release_of(graph, source, to_release)
    rows = edge_diff_rows(graph, source, old["id"], new["id"]) if is_edge_source(source) else code_diff_rows(
        graph, old["id"], new["id"])  # fmt: skip
    async with aclosing(rows):  # type: ignore[type-var]
        async for row in rows:
            yield row


async def export_rows(graph: Graph, source: str, release: str | None) -> AsyncGenerator[dict[str, Any], None]:
    """Every code (as the release states it) or every edge of one release, with its provenance."""
    found = await release_of(graph, source, release)
    rid, label = found["id"], found["label"]
    if is_edge_source(source):
        pages = edge_pages(graph, rid, rid, EDGE_SOURCES[source.split("/", 1)[0]])
        async with aclosing(pages):
            async for rows in pages:
                for row in rows:
                    for edge in row["edges"]:
                        yield _edge_row(row, edge, label)
        return
    code, system = "", ""
    while True:
        records = await graph.read("get_release_codes", rid=rid, afterCode=code, afterSystem=system, limit=PAGE)
        for record in records:
            version = record["version"]
            yield {"system": record["system"], "code": record["code"], "display": record["display"],
                   **{f: _json(version.get(f)) for f in VERSION_FIELDS}, "closed": bool(version.get("closed")),
                   "release": label}  # fmt: skip
        if len(records) < PAGE:
            return
        code, system = records[-1]["code"], records[-1]["system"]


def _edge_row(record: Mapping[str, Any], edge: Mapping[str, Any], label: str) -> dict[str, Any]:
    props = edge["props"]
    kind = edge["type"]
    return {
        "type": kind, "fromSystem": record["system"], "fromCode": record["code"], "toSystem": edge["system"],
        "toCode": edge["code"], "key": "/".join(str(_json(props.get(f))) for f in IDENTITY[kind]),
        "values": {f: _json(props.get(f)) for f in FIELDS[kind]}, "release": label,
    }  # fmt: skip


def columns_for(source: str, diff: bool) -> tuple[str, ...]:
    if is_edge_source(source):
        return EDGE_CHANGE_COLUMNS if diff else EDGE_COLUMNS
    return CODE_CHANGE_COLUMNS if diff else CODE_COLUMNS


class Formatter:
    """One row at a time into text: ndjson, csv (header first) or a fixed-width table."""

    def __init__(self, columns: tuple[str, ...], form: str) -> None:
        self.columns, self.form = columns, form
        self._buffer = io.StringIO()
        self._csv = csv.writer(self._buffer, lineterminator="\n")

    def header(self) -> str:
        if self.form == "csv":
            return self._line(list(self.columns))
        if self.form == "table":
            return "  ".join(f"{c:<12}" for c in self.columns).rstrip() + "\n"
        return ""

    def row(self, row: dict[str, Any]) -> str:
        if self.form == "ndjson":
            return json.dumps(row, ensure_ascii=False) + "\n"
        cells = [_cell(row.get(c)) for c in self.columns]
        if self.form == "csv":
            return self._line(cells)
        return "  ".join(f"{c:<12}" for c in cells).rstrip() + "\n"

    def _line(self, cells: list[str]) -> str:
        self._buffer.seek(0)
        self._buffer.truncate()
        self._csv.writerow(cells)
        return self._buffer.getvalue()


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False)
    return str(value)
